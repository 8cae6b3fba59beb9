package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const syncDir = "../testdata/sync"

// TestSyncGolden syncs every packet of testdata/sync against the folder's
// packets and compares the new bytes with <file>.golden byte for byte, and
// what was changed and skipped with sync.golden. Syncing the result again
// changes nothing.
func TestSyncGolden(t *testing.T) {
	set, errs := Load([]string{syncDir}, Options{})
	require.Empty(t, errs)
	s := NewStatusSyncer(set)
	var report strings.Builder
	for _, p := range set.Packets {
		name := filepath.Base(p.File)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(p.File)
			require.NoError(t, err)
			res := s.Sync(p.File, src)
			for _, c := range res.Changes {
				fmt.Fprintf(&report, "%s:%d: %s: %q -> %q\n", name, c.Line, strings.Join(c.Refs, ", "), c.Old, c.New)
			}
			for _, k := range res.Skipped {
				fmt.Fprintf(&report, "%s:%d: %s: left alone: %s\n", name, k.Line, strings.Join(k.Refs, ", "), k.Reason)
			}
			if len(res.Changes) == 0 {
				assert.Equal(t, src, res.Src, "nothing changed, so the bytes are the same")
			}
			checkGolden(t, p.File+".golden", string(res.Src))

			again := s.Sync(p.File, res.Src)
			assert.Empty(t, again.Changes, "a second sync changes nothing")
			assert.Equal(t, res.Src, again.Src)
			assert.Equal(t, res.Skipped, again.Skipped, "what is left alone stays left alone")

			assertOnlyStatusCells(t, src, res.Src, res.Changes)
		})
	}
	checkGolden(t, filepath.Join(syncDir, "sync.golden"), report.String())

	// The synced folder has no stale status left but the rows left alone.
	tmp := t.TempDir()
	for _, p := range set.Packets {
		src, err := os.ReadFile(p.File)
		require.NoError(t, err)
		res := s.Sync(p.File, src)
		require.NoError(t, os.WriteFile(filepath.Join(tmp, filepath.Base(p.File)), res.Src, 0o644))
	}
	after, errs := Load([]string{tmp}, Options{})
	require.Empty(t, errs)
	var stale []string
	for _, pr := range after.Problems {
		if pr.Code == CodeStaleStatus {
			stale = append(stale, fmt.Sprintf("%s:%d", filepath.Base(pr.File), pr.Line))
		}
	}
	assert.Equal(t, []string{"SYNC-005-several.md:11"}, stale, "only the row naming packets of different statuses stays stale")
}

// assertOnlyStatusCells checks that old and new differ only on the lines of
// the changes, and there only in one span, which held the old cell text.
func assertOnlyStatusCells(t *testing.T, old, new []byte, changes []CellChange) {
	t.Helper()
	ol, nl := splitKeepEnds(old), splitKeepEnds(new)
	require.Equal(t, len(ol), len(nl), "the number of lines is the same")
	changed := map[int]bool{}
	for _, c := range changes {
		changed[c.Line] = true
	}
	for i := range ol {
		if !changed[i+1] {
			assert.Equal(t, ol[i], nl[i], "line %d is untouched", i+1)
			continue
		}
		// Common prefix and suffix: what is left is the cell text.
		a, b := ol[i], nl[i]
		p := 0
		for p < len(a) && p < len(b) && a[p] == b[p] {
			p++
		}
		s := 0
		for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
			s++
		}
		assert.NotContains(t, a[p:len(a)-s], "|", "line %d: only text inside one cell changed", i+1)
		assert.NotContains(t, b[p:len(b)-s], "|", "line %d: only text inside one cell changed", i+1)
	}
}

// splitKeepEnds splits after each "\n", keeping the line endings.
func splitKeepEnds(b []byte) []string {
	return strings.SplitAfter(string(b), "\n")
}

func TestCellSpan(t *testing.T) {
	tests := []struct {
		line string
		col  int
		want string // the cell text, or "<none>"
	}{
		{"| a | b | c |", 1, "b"},
		{"| a | b | c |", 0, "a"},
		{"| a | b | c |", 2, "c"},
		{"| a | b | c |", 3, "<none>"},
		{"a|b|c", 1, "b"},
		{"  |  a  |   ✅ Complete   |  ", 1, "✅ Complete"},
		{`| x \| y | b |`, 1, "b"},
		{"| `x \\| y` | b |", 1, "b"},
		{"| `x | y` | b |", 1, " y`"[1:]}, // a pipe in a code span still splits, as in GFM
		{"> | a | b |", 1, "b"},
		{"> > | a | b |", 0, "a"},
		{"| a |   | c |", 1, ""},
		{"|", 0, "<none>"},
		{"", 0, "<none>"},
		{"\t| a\t|\tb\t|", 1, "b"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q/%d", tt.line, tt.col), func(t *testing.T) {
			s, e, ok := CellSpan([]byte(tt.line), tt.col)
			if tt.want == "<none>" {
				assert.False(t, ok)
				return
			}
			require.True(t, ok)
			assert.Equal(t, tt.want, tt.line[s:e])
		})
	}
}

func TestLineSpan(t *testing.T) {
	src := []byte("\xEF\xBB\xBFone\r\ntwo\rthree\nfour")
	for n, want := range []string{"one", "two", "three", "four"} {
		s, e, ok := lineSpan(src, n+1)
		require.True(t, ok)
		assert.Equal(t, want, string(src[s:e]))
	}
	_, _, ok := lineSpan(src, 5)
	assert.False(t, ok)
	s, e, ok := lineSpan([]byte("a\n"), 2)
	require.True(t, ok, "the empty line after a final newline")
	assert.Equal(t, s, e)
}

func TestStatusWords(t *testing.T) {
	half := 50
	assert.Equal(t, "✅ Complete", StatusWords(&Packet{Status: Complete}))
	assert.Equal(t, "🚧 Not Started", StatusWords(&Packet{Status: NotStarted}))
	assert.Equal(t, "🏗️ In Progress", StatusWords(&Packet{Status: InProgress}))
	assert.Equal(t, "🏗️ 50% Complete", StatusWords(&Packet{Status: InProgress, Progress: &half}))
	for _, w := range []string{"✅ Complete", "🚧 Not Started", "🏗️ In Progress", "🏗️ 50% Complete"} {
		assert.Equal(t, w, string(repairEncoding([]byte(misencodeText(w)))), "the mis-encoded form of %q reads back", w)
	}
}

func TestClassifyPercentCell(t *testing.T) {
	assert.Equal(t, AtRisk, classifyCell("🏗️ 50% Complete"))
	assert.Equal(t, Available, classifyCell("100% complete"))
	assert.Equal(t, Blocking, classifyCell("0% complete"))
	assert.Equal(t, Blocking, classifyCell("not started (0% complete)"))
	assert.Equal(t, Available, classifyCell("✅ Complete"))
}

// TestReadsBack: a change is kept only when the file reads back as
// intended; a wrong cell, other words or a damaged row are refused.
func TestReadsBack(t *testing.T) {
	set, errs := Load([]string{syncDir}, Options{})
	require.Empty(t, errs)
	s := NewStatusSyncer(set)
	src := []byte("# X-001: X\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1 day\n\n## Dependencies\n\n" +
		"| Dependency | Status | Notes |\n|---|---|---|\n| DEP-003 | ✅ Complete | x |\n")
	want, rows, probs := parseDocument("X-001.md", src)
	require.NotNil(t, want)
	resolve(want, rows, s.ix)
	const line = 11
	words := "🚧 Not Started"
	try := func(col int, text string) bool {
		next, _, ok := replaceCell(src, line, col, text, false)
		if !ok {
			return false
		}
		_, ok = s.readsBack("X-001.md", next, want, rows, probs, line, words)
		return ok
	}
	assert.True(t, try(1, words), "the status cell with the new words")
	assert.False(t, try(2, words), "the notes cell")
	assert.False(t, try(1, "🏗️ In Progress"), "other words")
	assert.False(t, try(1, words+" | extra"), "a new cell")
	assert.False(t, try(0, "DEP-001"), "another dependency")

	res := s.Sync("X-001.md", src)
	require.Len(t, res.Changes, 1)
	assert.Equal(t, CellChange{Line: line, Refs: []string{"DEP-003"}, Old: "✅ Complete", New: words}, res.Changes[0])
}
