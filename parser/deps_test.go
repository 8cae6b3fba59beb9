package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHeaderDependencyDialects reads testdata/dialects/header-deps, where
// every way of writing a dependency outside a table appears once, and
// checks what each packet ends up requiring.
func TestHeaderDependencyDialects(t *testing.T) {
	set, errs := Load([]string{"../testdata/dialects/header-deps"}, Options{})
	require.Empty(t, errs)
	require.Equal(t, []string{"WP-010", "WP-011", "WP-012", "WP-013", "WP-014", "WP-015"}, ids(set))
	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	tests := []struct {
		id                 string
		requires, optional []string
		why                string
	}{
		// Requires wraps onto the next line; Soft-deps is optional;
		// Related is no dependency; WP-015's Blocking bullets add WP-015.
		{"WP-010", []string{"WP-011", "WP-012", "WP-015"}, []string{"WP-013"}, "wrapped Requires, Soft-deps, reverse Blocking"},
		// "None. Independent of WP-012" and a struck-through ID name nothing.
		{"WP-011", []string{}, []string{}, "None and ~~struck~~"},
		{"WP-012", []string{"WP-011"}, []string{"WP-013"}, "empty Dependencies line with Hard/Soft bullets"},
		{"WP-013", []string{"WP-011"}, []string{"WP-012"}, "bullets under Required/Optional sub-headings, a link"},
		{"WP-014", []string{"WP-010", "WP-011"}, []string{"WP-012"}, "Hard-deps, Optional, reverse Blocks"},
		{"WP-015", []string{}, []string{}, "a Blocking line names what requires it"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p := byID[tt.id]
			assert.Equal(t, tt.requires, refIDs(p.Requires), tt.why)
			assert.Equal(t, tt.optional, refIDs(p.Optional), tt.why)
		})
	}
	assert.Equal(t, []string{"A Grafana account"}, externalNames(byID["WP-013"]))
	// The reverse edge says where it was written, for plan explain.
	rev := byID["WP-014"].Requires[1] // after the packet's own Hard-deps
	assert.Equal(t, ViaBlocks, rev.Via)
	assert.Equal(t, "../testdata/dialects/header-deps/WP-010-api.md", byID[rev.ID].File)
	assert.Equal(t, 9, byID[rev.ID].BlocksLine("WP-014"))
	assert.Equal(t, ViaLink, byID["WP-013"].Optional[0].Via)
	assert.Equal(t, ViaBullet, byID["WP-012"].Requires[0].Via)
	assert.Equal(t, ViaHeader, byID["WP-010"].Requires[0].Via)
	assert.Empty(t, set.Problems, "no dangling reference: WP-099 is struck through, WP-012 follows None")
}

func externalNames(p *Packet) []string {
	var out []string
	for _, x := range p.Externals {
		out = append(out, x.Name)
	}
	return out
}

// headerPacket is a packet file with the given status and extra header
// lines.
func headerPacket(id, status string, lines ...string) string {
	s := "# " + id + ": Packet " + id + "\n\n**Priority**: P1\n**Status**: " + status + "\n**Estimated Effort**: 1 day\n"
	for _, l := range lines {
		s += l + "\n"
	}
	return s
}

// TestReferencesResolvedAtLoad: ranges, IDs no file has, suffixed IDs,
// cancelled packets and case-insensitive IDs, as a user sees them in the
// packets' requirements and the warnings.
func TestReferencesResolvedAtLoad(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"TKT-030.md": headerPacket("TKT-030", "🚧 Not Started"),
		"TKT-031.md": headerPacket("TKT-031", "🚧 Not Started"),
		"TKT-033.md": headerPacket("TKT-033", "🚧 Not Started"),
		"TKT-045.md": headerPacket("TKT-045", "🚧 Not Started"),
		"TKT-046.md": headerPacket("TKT-046", "🚧 Not Started"),
		"R-001.md":   headerPacket("R-001", "🚧 Not Started", "**Depends On**: TKT-031 through TKT-045"),
		"R-002.md":   headerPacket("R-002", "🚧 Not Started", "**Depends On**: TKT-031..TKT-033, TKT-045–TKT-046"),
		"R-003.md":   headerPacket("R-003", "🚧 Not Started", "**Depends On**: TKT-100 to TKT-200"),
		"W-001.md":   headerPacket("W-001", "🚧 Not Started", "**Depends On**: WP-104", "**Soft-deps**: WP-105"),
		"W-002.md":   headerPacket("W-002", "🚧 Not Started", "**Depends On**: WP-005"),
		"WP-005A.md": "# WP-005A: A\n",
		"WP-005B.md": "# WP-005B: B\n",
	})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	assert.Equal(t, []string{"TKT-031", "TKT-033", "TKT-045"}, refIDs(byID["R-001"].Requires), "every packet read in the range, ends included")
	assert.Equal(t, ViaRange, byID["R-001"].Requires[0].Via)
	assert.Equal(t, []string{"TKT-031", "TKT-033", "TKT-045", "TKT-046"}, refIDs(byID["R-002"].Requires), ".. and an en dash")
	assert.Empty(t, byID["R-003"].Requires)
	assert.Equal(t, []string{"WP-104"}, refIDs(byID["W-001"].Missing), "a required ID no file has blocks; an optional one does not")
	msgs := map[string]string{} // the first dangling-ref of each packet
	for _, p := range set.Problems {
		if _, seen := msgs[p.Packet]; p.Code == CodeDanglingRef && !seen {
			msgs[p.Packet] = p.Message
		}
	}
	assert.Contains(t, msgs["R-003"], "no packet read is in the range TKT-100 to TKT-200")
	assert.Contains(t, msgs["W-001"], "waits on WP-104, which has no file")
	// IDs with a letter suffix are read by the title rules (another
	// part of issue 11); until then WP-005A is not a packet.
	if byID["WP-005A"] != nil {
		assert.Equal(t, []string{"WP-005"}, refIDs(byID["W-002"].Missing))
		assert.Contains(t, msgs["W-002"], "WP-005 is not the ID of any packet read (packets read: WP-005A, WP-005B)")
	}
	ix := newIndex([]*Packet{{ID: "WP-005A"}, {ID: "WP-005B"}, {ID: "WP-0050"}})
	assert.Equal(t, []string{"WP-005A", "WP-005B"}, ix.suffixed("WP-005"), "WP-0050 is another packet")
}

func TestRequiresCancelledAndCaseInsensitiveIDs(t *testing.T) {
	a := &Packet{ID: "task-12", File: "a.md", Line: 1, CaseInsensitiveID: true}
	c := &Packet{ID: "C-001", File: "c.md", Line: 1, Status: Cancelled}
	p := &Packet{ID: "P-001", File: "p.md", Line: 1}
	ix := newIndex([]*Packet{a, c, p})
	rows := []depRow{headerDeps(depField{required: true}, "TASK-12, C-001", 5)}
	probs := resolve(p, rows, ix)
	assert.Equal(t, []string{"task-12"}, refIDs(p.Requires), "TASK-12 names the front-matter packet task-12; the cancelled C-001 makes no edge")
	require.Len(t, probs, 1)
	assert.Equal(t, CodeRequiresCancelled, probs[0].Code)
	assert.Equal(t, "P-001 requires C-001, which is cancelled; this row makes no dependency", probs[0].Message)
	assert.Equal(t, 5, probs[0].Line)
}

// TestFoldersAndDuplicates: an archived copy loses to the live one, the
// losing file's warnings are not the winner's, Ignore globs leave files
// out, and a folder whose packets are all in a hidden folder says where.
func TestFoldersAndDuplicates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"archive/A-001.md":  "# A-001: Old copy\n\n**Priority**: P1\n**Status**: ✅ Complete\n", // no effort
		"live/A-001.md":     headerPacket("A-001", "🚧 Not Started"),
		"drafts/B-001.md":   headerPacket("B-001", "🚧 Not Started"),
		"live/B-002.md":     headerPacket("B-002", "🚧 Not Started"),
		"live/C-001.tmp.md": headerPacket("C-001", "🚧 Not Started"),
	})
	cfg := &Config{File: dir + "/plan.yaml", Ignore: []string{"drafts", "live/*.tmp.md"}}
	set, errs := Load([]string{dir}, Options{Config: cfg})
	require.Empty(t, errs)
	assert.Equal(t, []string{"A-001", "B-002"}, ids(set), "drafts/ and *.tmp.md are ignored")
	assert.Equal(t, dir+"/live/A-001.md", set.Packets[0].File, "the live copy wins over archive/ although archive sorts first")
	require.Len(t, set.Problems, 1, "only the duplicate-id error: the archived copy's missing effort is not A-001's")
	assert.Equal(t, CodeDuplicateID, set.Problems[0].Code)
	assert.Equal(t, dir+"/archive/A-001.md", set.Problems[0].File)
	assert.Empty(t, set.Hidden)

	hid := t.TempDir()
	writeFiles(t, hid, map[string]string{
		"README.md":                "# Project\n",
		".kit/tasks/1-todo/T-1.md": headerPacket("T-001", "🚧 Not Started"),
		".kit/tasks/5-done/T-2.md": headerPacket("T-002", "✅ Complete"),
		".kit/notes.txt":           "not markdown",
		".git/x.md":                headerPacket("G-001", "🚧 Not Started"),
	})
	set, errs = Load([]string{hid}, Options{})
	require.Empty(t, errs)
	assert.Empty(t, set.Packets)
	assert.Equal(t, []string{hid + "/.kit/tasks"}, set.Hidden, "the folder to run plan on; .git is never suggested")
}

// TestDependencyLinesOutsideTheHeader: Depends on, Blocked By and Blocks
// lines under any heading are edges (Related, Parent, Part of and
// "Dependencies: Go 1.22" prose are not), and in a Dependencies section
// a "**Blocks**:" or "**Related**:" line says what the list after it
// holds.
func TestDependencyLinesOutsideTheHeader(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"A-001.md": headerPacket("A-001", "Done"),
		"A-002.md": headerPacket("A-002", "Todo", "", "## Related Tasks", "", "Depends on: A-001", "Parent: A-009 (epic)", "**Related**: A-003", "", "## Notes", "", "Dependencies: GPT-4 and Node 18", "Requires: UTF-8 input"),
		"A-003.md": headerPacket("A-003", "Todo", "", "## Overview", "", "text", "", "### Links", "", "**Blocks**: A-004", "- Blocked by: A-002"),
		"A-004.md": headerPacket("A-004", "Todo", "", "## Dependencies", "", "**Blocked By**:", "- A-001 (must pass)", "", "**Blocks**:", "- A-005", "- None (nothing else)", "- Users waiting (blocked)",
			"", "**Related**:", "- A-003 (same area)", "", "**Depends On**: A-002", "", "- None", "- **Internal**: None (uses what exists)", "- Stripe account"),
		"A-005.md": headerPacket("A-005", "Todo"),
		"A-006.md": headerPacket("A-006", "Todo", "", "## Notes", "", "```", "Depends on: A-001", "```", "", "Depends on:", "", "## Later", "", "- A-002"),
	})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	byID := map[string]*Packet{}
	for _, p := range set.Packets {
		byID[p.ID] = p
	}
	assert.Equal(t, []string{"A-001"}, refIDs(byID["A-002"].Requires), "Depends on under Related Tasks; Parent, Related and prose lines are none")
	assert.Equal(t, []string{"A-002"}, refIDs(byID["A-003"].Requires), "a Blocked by item in a later section")
	assert.Equal(t, []string{"A-001", "A-002", "A-003"}, refIDs(byID["A-004"].Requires), "Blocked By list, Depends On line, and A-003's Blocks line; the Related list is none")
	assert.Equal(t, []string{"Stripe account"}, externalNames(byID["A-004"]), "a None item and the Blocks list make no external")
	assert.Equal(t, []string{"A-004"}, refIDs(byID["A-005"].Requires), "the Blocks list of A-004")
	assert.Empty(t, byID["A-006"].Requires, "a line in a code block, and an empty line whose list is under another heading")
	for _, p := range set.Problems {
		assert.NotEqual(t, CodeDanglingRef, p.Code, "%s", p.Message)
	}
}

// TestExternalsKeepRowOrder: the rows that name nothing become externals
// as the file is read, a row whose link turns out to name no packet only
// once every file is; it still stands where its row does among them, and a
// lower-case ID in an external's name is still pointed out.
func TestExternalsKeepRowOrder(t *testing.T) {
	table := "# P-001: P\n\n**Status**: 🚧 Not Started\n\n## Dependencies\n\n| Dependency | Status | Description |\n|---|---|---|\n" +
		"| Stripe account | ❌ Not Provisioned | first |\n" +
		"| [Design notes](notes.md) | ✅ Done | a link to no packet |\n" +
		"| [Q](q.md) | ✅ Complete | a link to a packet |\n" +
		"| q-002 client | ✅ Available | a lower-case ID |\n" +
		"| [Runbook](https://example.com/runbook) | ✅ Available | a URL |\n" +
		"| PostgreSQL | ✅ Available | last |\n"
	set := LoadFiles([]File{
		{Name: "p.md", Data: []byte(table)},
		{Name: "q.md", Data: []byte("# Q-002: Q\n\n**Status**: ✅ Complete\n")},
		{Name: "notes.md", Data: []byte("# Notes\n")},
	}, Options{})
	require.Len(t, set.Packets, 2)
	p := set.Packets[0]
	var names []string
	for _, e := range p.Externals {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Stripe account", "Design notes", "q-002 client", "Runbook", "PostgreSQL"}, names)
	assert.Equal(t, []string{"Q-002"}, refIDs(p.Requires))
	assert.Equal(t, ViaLink, p.Requires[0].Via)
	var idCase []int
	for _, pr := range set.Problems {
		if pr.Code == CodeIDCase {
			idCase = append(idCase, pr.Line)
		}
	}
	assert.Equal(t, []int{12}, idCase)

	alone, _ := Parse("p.md", []byte(table))
	names = nil
	for _, e := range alone.Externals {
		names = append(names, e.Name)
	}
	assert.Equal(t, []string{"Stripe account", "Design notes", "Q", "q-002 client", "Runbook", "PostgreSQL"}, names, "read alone, no link is followed: each link row is an external in its place")
}
