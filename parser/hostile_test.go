package parser

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyIDsCell is a dependency cell naming n distinct IDs that are no
// packet's, as a generated or pasted file might.
func manyIDsCell(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "GHO-%05d", i)
	}
	return b.String()
}

// TestManyDanglingRefsInOneRow: a row naming thousands of IDs that match
// no packet gives a few dangling-ref warnings and one that counts the
// rest, each quoting at most a short excerpt of the cell, instead of one
// warning per ID quoting the whole cell (a 90 KB file printed 790 MB).
func TestManyDanglingRefsInOneRow(t *testing.T) {
	dir := t.TempDir()
	cell := manyIDsCell(5000)
	writeFiles(t, dir, map[string]string{"a.md": packetSrc("HOS-001", "🚧 Not Started", cell)})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	var dangling []Problem
	size := 0
	for _, p := range set.Problems {
		size += len(p.Message)
		if p.Code == CodeDanglingRef {
			dangling = append(dangling, p)
		}
	}
	require.NotEmpty(t, dangling)
	assert.LessOrEqual(t, len(dangling), maxRepeats+1, "dangling-ref warnings for one row")
	counted := false
	for _, p := range dangling {
		counted = counted || strings.Contains(p.Message, fmt.Sprintf("%d more IDs", 5000-maxRepeats))
	}
	assert.True(t, counted, "one warning counts the ones left out: %v", dangling)
	for _, p := range dangling {
		assert.LessOrEqual(t, len(p.Message), 300, "message quotes at most an excerpt: %.200s", p.Message)
		assert.Equal(t, filepath.Join(dir, "a.md"), p.File)
	}
	assert.Less(t, size, 5000, "all messages together")
}

// BenchmarkFindIDs reads one cell of n IDs: the time per op must grow
// linearly with n (it grew with n² when each ID was looked for among the
// ones already found).
func BenchmarkFindIDs(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000, 80_000} {
		cell := manyIDsCell(n)
		b.Run(fmt.Sprintf("ids=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(cell)))
			for b.Loop() {
				if got := len(findIDs(cell)); got != n {
					b.Fatalf("found %d IDs, want %d", got, n)
				}
			}
		})
	}
}

// hostileMarks are the two inputs on which goldmark's time grows with the
// square of a paragraph's or cell's size.
var hostileMarks = []struct{ name, unit string }{
	{"links", "[a]("},
	{"emphasis", "*a_b*c_d**e_f*g**h*"},
}

// hostileDoc is a packet whose Dependencies table has a row of size
// bytes of unit in one cell, between two rows that name packets.
func hostileDoc(unit string, size int) []byte {
	return []byte("# HOS-001: Hostile\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| HOS-002 | ✅ |\n| " +
		strings.Repeat(unit, size/len(unit)) + " | ✅ |\n| HOS-003 | ✅ |\n")
}

// TestTooManyMarks: a cell packed with link or emphasis openers is read
// with a parse warning at its line (the openers past the limit are plain
// text), and every row around it still counts.
func TestTooManyMarks(t *testing.T) {
	for _, hm := range hostileMarks {
		t.Run(hm.name, func(t *testing.T) {
			p, probs := Parse("hos.md", hostileDoc(hm.unit, 16<<10))
			require.NotNil(t, p)
			assert.Equal(t, []string{"HOS-002", "HOS-003"}, refIDsOf(p.Requires))
			var warned []Problem
			for _, pr := range probs {
				if pr.Code == CodeParse {
					warned = append(warned, pr)
				}
			}
			require.Len(t, warned, 1, "%v", probs)
			assert.Equal(t, 12, warned[0].Line)
			assert.Contains(t, warned[0].Message, "plain text")
		})
	}
}

func refIDsOf(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.ID)
	}
	return out
}

// BenchmarkHostileMarks parses a packet with one cell of each hostile
// pattern at growing sizes, up to 1 MB: ns/op must grow linearly with the
// size (MB/s roughly constant). Before the mark limit, 64 KB of links took
// 2.8 s and 1 MB did not finish.
func BenchmarkHostileMarks(b *testing.B) {
	for _, hm := range hostileMarks {
		for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
			src := hostileDoc(hm.unit, size)
			b.Run(fmt.Sprintf("%s/%dKB", hm.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Parse("hos.md", src)
				}
			})
		}
	}
}

// BenchmarkHostileRows is the worst case under the mark limit: a table
// whose every row holds MaxMarks openers followed by filler, at growing
// sizes up to 1 MB. ns/op must grow linearly with the size.
func BenchmarkHostileRows(b *testing.B) {
	for _, hm := range hostileMarks {
		marks := 0
		for i := range len(hm.unit) {
			if isMark(hm.unit[i]) {
				marks++
			}
		}
		row := "| " + strings.Repeat(hm.unit, MaxMarks/marks) + strings.Repeat("x", 4096) + " | ✅ |\n"
		for _, size := range []int{64 << 10, 256 << 10, 1 << 20} {
			src := []byte("# HOS-001: Hostile\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n" +
				strings.Repeat(row, size/len(row)))
			b.Run(fmt.Sprintf("%s/%dKB", hm.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				for b.Loop() {
					Parse("hos.md", src)
				}
			})
		}
	}
}

// TestSyncTableInQuoteInListItem: a Dependencies table in a block quote
// inside a list item ("    > | a | b |") has its cells found at the
// columns goldmark reads, so sync rewrites the stale Status cell and no
// other byte.
func TestSyncTableInQuoteInListItem(t *testing.T) {
	dir := t.TempDir()
	src := "# QTE-001: Quoted\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n- Required:\n\n    > | Dependency | Status |\n    > |---|---|\n    > | QTE-002 | ❌ Blocked |\n"
	writeFiles(t, dir, map[string]string{
		"a.md": src,
		"b.md": packetSrc("QTE-002", "✅ Complete"),
	})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	a := set.Packets[0]
	require.Equal(t, "QTE-001", a.ID)
	require.Equal(t, []string{"QTE-002"}, refIDsOf(a.Requires), "the table is read")
	res := NewStatusSyncer(set).Sync(a.File, []byte(src))
	assert.Empty(t, res.Skipped)
	require.Len(t, res.Changes, 1)
	assert.Equal(t, strings.Replace(src, "❌ Blocked", "✅ Complete", 1), string(res.Src))
}

// TestPercentages: a status percentage is progress only when it is a
// plain number from 0 to 100: "99.5% complete" is not complete (the
// decimal is rounded down), and "-5%", "0x32%", "1,5%" and "NaN%" are
// parse warnings, not progress, in a packet's Status and in a row's
// status cell alike.
func TestPercentages(t *testing.T) {
	pct := func(n int) *int { return &n }
	tests := []struct {
		status   string
		want     Status
		progress *int
		warn     bool
		cell     ExternalClass
	}{
		{"🏗️ 50% Complete", InProgress, pct(50), false, AtRisk},
		{"99.5% complete", InProgress, pct(99), false, AtRisk},
		{"0.5% complete", InProgress, pct(1), false, AtRisk},
		{"100% complete", Complete, nil, false, Available},
		{"0% complete", NotStarted, nil, false, Blocking},
		{"-5% complete", NotStarted, nil, true, Unknown},
		{"0x32% complete", NotStarted, nil, true, Unknown},
		{"1,5% complete", NotStarted, nil, true, Unknown},
		{"NaN% complete", NotStarted, nil, true, Unknown},
		{"1e2% complete", NotStarted, nil, true, Unknown},
		{"150% complete", NotStarted, nil, true, Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			st, progress, missing, msg := parseStatus(tt.status)
			assert.False(t, missing)
			assert.Equal(t, tt.want, st)
			assert.Equal(t, tt.progress, progress)
			if tt.warn {
				assert.Contains(t, msg, "percentage")
			} else {
				assert.Empty(t, msg)
			}
			assert.Equal(t, tt.cell, classifyCell(tt.status), "as a status cell")
		})
	}
}

// TestStatusProblemsAreKnown: every message parseStatus gives is one the
// syncer recognises as "this packet's status cannot be read", so sync
// never writes a guessed status over a cell.
func TestStatusProblemsAreKnown(t *testing.T) {
	for _, v := range []string{"Deployed", "🟢 Live", "🚧 Not Started | ✅ Complete", "-5% complete", "150% complete", "NaN% complete"} {
		_, _, _, msg := parseStatus(v)
		require.NotEmpty(t, msg, v)
		assert.True(t, isStatusProblem(Problem{Code: CodeParse, Message: msg}), "%q: %s", v, msg)
	}
}

// TestSyncKeepsLinksCommentsFootnotes: a stale Status cell that holds a
// link, an HTML comment or a footnote reference is left alone with a
// reason instead of losing them; a plain stale cell beside it is fixed.
func TestSyncKeepsLinksCommentsFootnotes(t *testing.T) {
	for _, cell := range []string{"[✅ Complete](https://ci.example/run/1)", "✅ Complete <!-- checked by Ann -->", "✅ Complete[^1]", "✅ <b>Complete</b>"} {
		t.Run(cell, func(t *testing.T) {
			dir := t.TempDir()
			src := "# KEEP-001: Keeps\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| KEEP-002 | " + cell + " |\n| KEEP-003 | ✅ Complete |\n\n[^1]: see the run\n"
			writeFiles(t, dir, map[string]string{
				"a.md": src,
				"b.md": packetSrc("KEEP-002", "🏗️ In Progress"),
				"c.md": packetSrc("KEEP-003", "🏗️ In Progress"),
			})
			set, errs := Load([]string{dir}, Options{})
			require.Empty(t, errs)
			var file string
			for _, p := range set.Packets {
				if p.ID == "KEEP-001" {
					file = p.File
				}
			}
			res := NewStatusSyncer(set).Sync(file, []byte(src))
			require.Len(t, res.Changes, 1, "the plain cell is fixed")
			assert.Equal(t, 12, res.Changes[0].Line)
			require.Len(t, res.Skipped, 1, "the cell with more than words is left alone")
			assert.Equal(t, 11, res.Skipped[0].Line)
			assert.Contains(t, string(res.Src), cell, "nothing of the cell is dropped")
		})
	}
}

// TestSyncWritesTheTablesEncoding: one mis-encoded word elsewhere in a
// file does not make sync write mis-encoded words ("âœ…") into a clean
// table; a table that is itself mis-encoded still gets them, and the
// change reports the bytes written.
func TestSyncWritesTheTablesEncoding(t *testing.T) {
	tests := []struct {
		name, table, notes, want string
	}{
		{"clean table, one word elsewhere", "| ENC-002 | Blocked |\n| ENC-003 | ✅ Complete |", "The cafÃ© team owns it.", "✅ Complete"},
		{"ascii table, one word elsewhere", "| ENC-002 | Blocked |", "The cafÃ© team owns it.", "✅ Complete"},
		{"mis-encoded table", "| ENC-002 | Blocked |\n| ENC-003 | âœ… Complete |", "", "âœ… Complete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := "# ENC-001: Encoded\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n" + tt.table + "\n\n## Notes\n\n" + tt.notes + "\n"
			writeFiles(t, dir, map[string]string{
				"a.md": src,
				"b.md": packetSrc("ENC-002", "✅ Complete"),
				"c.md": packetSrc("ENC-003", "✅ Complete"),
			})
			set, errs := Load([]string{dir}, Options{})
			require.Empty(t, errs)
			res := NewStatusSyncer(set).Sync(filepath.Join(dir, "a.md"), []byte(src))
			require.Len(t, res.Changes, 1, "%v", res.Skipped)
			assert.Equal(t, strings.Replace(src, "| ENC-002 | Blocked |", "| ENC-002 | "+tt.want+" |", 1), string(res.Src))
			assert.Equal(t, tt.want, res.Changes[0].New, "the report shows the bytes written")
		})
	}
}

// TestPercentageIsProgressOnlyWhenItSaysSo: only "NN% complete" and
// "NN% done" are progress; a percentage of something else ("80% of
// tests pass") or a bare "50%" is not, in a Status line and in a status
// cell alike.
func TestPercentageIsProgressOnlyWhenItSaysSo(t *testing.T) {
	pct := func(n int) *int { return &n }
	tests := []struct {
		status   string
		want     Status
		progress *int
		cell     ExternalClass
	}{
		{"50% done", InProgress, pct(50), AtRisk},
		{"🏗️ 40 % Completed", InProgress, pct(40), AtRisk},
		{"In Progress - 50% of the API", InProgress, nil, AtRisk},
		{"Testing: 100% of cases written", InProgress, nil, AtRisk},
		{"Blocked - 80% of tests fail", NotStarted, nil, Blocking},
		{"Done, 100% coverage", Complete, nil, Available},
		{"🏗️ 50%", InProgress, nil, AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			st, progress, _, msg := parseStatus(tt.status)
			assert.Empty(t, msg)
			assert.Equal(t, tt.want, st)
			assert.Equal(t, tt.progress, progress)
			assert.Equal(t, tt.cell, classifyCell(tt.status), "as a status cell")
		})
	}
	assert.Equal(t, Unknown, classifyCell("50%"), "a bare percentage says nothing")
}

// TestCellStatusWords: a status cell knows every word a packet's Status
// line knows, in any case, with "_" or "-" for spaces, so a stale cell
// in another team's words is found.
func TestCellStatusWords(t *testing.T) {
	tests := []struct {
		cell string
		want ExternalClass
	}{
		{"Todo", Blocking}, {"TO_DO", Blocking}, {"Backlog", Blocking}, {"open", Blocking}, {"Draft", Blocking},
		{"NOT_STARTED", Blocking}, {"not-started", Blocking}, {"BLOCKED", Blocking},
		{"In Review", AtRisk}, {"IN_REVIEW", AtRisk}, {"in-review", AtRisk}, {"Testing", AtRisk}, {"QA", AtRisk}, {"Doing", AtRisk}, {"IN_PROGRESS", AtRisk},
		{"Merged", Available}, {"Closed", Available}, {"RESOLVED", Available}, {"verified", Available}, {"Done (in #42)", Available},
		{"Cancelled", Unknown}, {"❌ Won't Do", Unknown},
		// The cell's own words win: an external that is ready is available.
		{"Ready", Available}, {"Planned", Future}, {"❌ Not Installed", Blocking},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, classifyCell(tt.cell), "%q", tt.cell)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"A-001.md": headerPacket("A-001", "Done"),
		"A-002.md": headerPacket("A-002", "In Review"),
		"A-003.md": headerPacket("A-003", "Todo", "", "## Dependencies", "", "| Dependency | Status |", "|---|---|", "| A-001 | `TODO` |", "| A-002 | **Merged** |"),
	})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	var stale []string
	for _, p := range set.Problems {
		if p.Code == CodeStaleStatus {
			stale = append(stale, fmt.Sprintf("%d %s", p.Line, p.Ref))
		}
	}
	assert.Equal(t, []string{"11 A-001", "12 A-002"}, stale, "TODO for a done packet and Merged for one in review are stale")
}

// TestCellStatusWordsOfPlanYAML: plan.yaml's statuses are read in status
// cells as in Status lines, and win over the built-in words.
func TestCellStatusWordsOfPlanYAML(t *testing.T) {
	cfg, err := ParseConfig("plan.yaml", []byte("statuses:\n  Deployed: complete\n  Ready: in_progress\n"))
	require.NoError(t, err)
	files := []File{
		{Name: "c/A-001.md", Data: []byte(headerPacket("A-001", "Deployed"))},
		{Name: "c/A-002.md", Data: []byte(headerPacket("A-002", "Todo"))},
		{Name: "c/A-003.md", Data: []byte(headerPacket("A-003", "Todo", "", "## Dependencies", "", "| Dependency | Status |", "|---|---|", "| A-001 | deployed |", "| A-002 | `DEPLOYED` |", "| Vendor API | Ready |"))},
	}
	set := LoadFiles(files, Options{Config: cfg})
	var stale []string
	for _, p := range set.Problems {
		if p.Code == CodeStaleStatus {
			stale = append(stale, fmt.Sprintf("%d %s", p.Line, p.Ref))
		}
	}
	assert.Equal(t, []string{"12 A-002"}, stale, "Deployed is complete: stale for A-002 only")
	var a3 *Packet
	for _, p := range set.Packets {
		if p.ID == "A-003" {
			a3 = p
		}
	}
	require.Len(t, a3.Externals, 1)
	assert.Equal(t, AtRisk, a3.Externals[0].Class, "plan.yaml's Ready wins over the built-in word")
	src := files[2].Data
	res := NewStatusSyncer(set).Sync("c/A-003.md", src)
	require.Len(t, res.Changes, 1)
	assert.Equal(t, 12, res.Changes[0].Line)
}
