package parser

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// indexFolder is a board whose INDEX.md ticks WP-002 off although it is
// in progress and leaves WP-003 open although it is complete.
func indexFolder() []File {
	return []File{
		{Name: "b/INDEX.md", Data: []byte("# Board\n\n- [x] WP-001 Board model\n- [x] **WP-002** — Moves\n* [ ] [WP-003](WP-003.md) Scoring\n- [ ] Not a packet\n- [x] WP-009 has no file\n\n```\n- [ ] WP-001 in code\n```\n")},
		{Name: "b/WP-001.md", Data: []byte(headerPacket("WP-001", "Done"))},
		{Name: "b/WP-002.md", Data: []byte(headerPacket("WP-002", "**In Progress**"))},
		{Name: "b/WP-003.md", Data: []byte(headerPacket("WP-003", "✅ COMPLETE", "", "## Dependencies", "", "| Dependency | Status |", "|---|---|", "| WP-002 | ❌ Blocked |"))},
	}
}

func staleOf(set *Set) []string {
	var out []string
	for _, p := range set.Problems {
		if p.Code == CodeStaleStatus {
			out = append(out, p.String())
		}
	}
	return out
}

// TestIndexFiles: a non-packet file's task-list items that start with a
// packet ID are status claims. By default a contradicting item is stale
// at the index line and sync flips its box; with status_source: index the
// index is the truth, the Status line is stale and sync rewrites it.
func TestIndexFiles(t *testing.T) {
	set := LoadFiles(indexFolder(), Options{})
	assert.Equal(t, []string{"b/INDEX.md"}, set.Indexes)
	assert.Equal(t, []string{
		`b/INDEX.md:4: warning: stale-status: the index says WP-002 is done ("[x]"), but WP-002's own status is 🏗️ In Progress`,
		`b/INDEX.md:5: warning: stale-status: the index says WP-003 is not done ("[ ]"), but WP-003's own status is ✅ Complete`,
	}, staleOf(set), "items in code and items naming no packet say nothing")

	s := NewStatusSyncer(set)
	res := s.Sync("b/INDEX.md", set.fileData(t, "b/INDEX.md"))
	require.Len(t, res.Changes, 2)
	assert.Equal(t, "# Board\n\n- [x] WP-001 Board model\n- [ ] **WP-002** — Moves\n* [x] [WP-003](WP-003.md) Scoring\n- [ ] Not a packet\n- [x] WP-009 has no file\n\n```\n- [ ] WP-001 in code\n```\n", string(res.Src))
	assert.Equal(t, CellChange{Line: 4, Refs: []string{"WP-002"}, Old: "[x]", New: "[ ]"}, res.Changes[0])
	assert.Empty(t, s.Sync("b/INDEX.md", res.Src).Changes, "a second sync changes nothing")
	packet := set.fileData(t, "b/WP-003.md")
	assert.Equal(t, packet, s.Sync("b/WP-003.md", packet).Src, "the packets are the truth: their files stay")

	cfg := &Config{StatusSource: StatusSourceIndex}
	set = LoadFiles(indexFolder(), Options{Config: cfg})
	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	assert.Equal(t, Complete, byID["WP-002"].Status, "the index is the truth")
	assert.Equal(t, NotStarted, byID["WP-003"].Status)
	assert.Equal(t, []string{
		`b/WP-002.md:4: warning: stale-status: WP-002's Status says 🏗️ In Progress, but the index b/INDEX.md:4 says it is done ("[x]"), and status_source: index makes the index the truth`,
		`b/WP-003.md:4: warning: stale-status: WP-003's Status says ✅ Complete, but the index b/INDEX.md:5 says it is not done ("[ ]"), and status_source: index makes the index the truth`,
		`b/WP-003.md:11: warning: stale-status: the row says WP-002 is "❌ Blocked", but WP-002's own status is ✅ Complete`,
	}, staleOf(set))
	s = NewStatusSyncer(set)
	index := set.fileData(t, "b/INDEX.md")
	assert.Equal(t, index, s.Sync("b/INDEX.md", index).Src, "the index is the truth: it stays")
	src := set.fileData(t, "b/WP-002.md")
	res = s.Sync("b/WP-002.md", src)
	assert.Equal(t, string(bytes.Replace(src, []byte("**In Progress**"), []byte("**✅ Complete**"), 1)), string(res.Src), "only the value changes, inside its emphasis")
	src = set.fileData(t, "b/WP-003.md")
	res = s.Sync("b/WP-003.md", src)
	want := bytes.Replace(src, []byte("✅ COMPLETE"), []byte("🚧 Not Started"), 1)
	want = bytes.Replace(want, []byte("❌ Blocked |"), []byte("✅ Complete |"), 1)
	assert.Equal(t, string(want), string(res.Src))
	require.Len(t, res.Changes, 2)
	assert.Equal(t, []int{4, 11}, []int{res.Changes[0].Line, res.Changes[1].Line})
	assert.Empty(t, s.Sync("b/WP-003.md", res.Src).Changes, "a second sync changes nothing")
}

// fileData returns the bytes of a file of indexFolder.
func (set *Set) fileData(t *testing.T, name string) []byte {
	t.Helper()
	for _, f := range indexFolder() {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("no file %s", name)
	return nil
}

// TestStatusLineRewrite: the value of a Status line is replaced between
// its marks, in every form the header reader takes.
func TestStatusLineRewrite(t *testing.T) {
	tests := []struct{ line, want string }{
		{"**Status**: ✅ **COMPLETE**", "**Status**: 🚧 Not Started"},
		{"**Status:** Done  ", "**Status:** 🚧 Not Started  "},
		{"> **Status: DONE**", "> **Status: 🚧 Not Started**"},
		{"- Status: `done`", "- Status: `🚧 Not Started`"},
		{"Status: Done (merged)", "Status: 🚧 Not Started"},
	}
	for _, tt := range tests {
		out, _, ok := replaceStatusValue([]byte("# A-1: a\n"+tt.line+"\r\nx\n"), 2, "🚧 Not Started")
		require.True(t, ok, tt.line)
		assert.Equal(t, "# A-1: a\n"+tt.want+"\r\nx\n", string(out))
	}
	_, _, ok := replaceStatusValue([]byte("# A-1: a\nPriority: P1\n"), 2, "x")
	assert.False(t, ok, "only a Status line")
}
