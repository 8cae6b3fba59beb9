package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// bigFolder is 40 packets ready to start (one of them P3 in its file but
// needed by a P0), 30 waiting on the first, a dangling row and 5 packets
// without an effort: more than one screen holds.
func bigFolder() *parser.Set {
	set := &parser.Set{}
	for i := range 40 {
		p := &parser.Packet{ID: fmt.Sprintf("RDY-%03d", i), Title: "Ready work", File: fmt.Sprintf("r%d.md", i), Line: 1,
			Priority: 1, Effort: &parser.Effort{Low: 1, High: 2}}
		if i == 0 {
			p.Priority = 3
		}
		if i < 5 {
			p.Effort = nil
			set.Problems = append(set.Problems, parser.Problem{Severity: parser.Warning, Code: parser.CodeMissingEffort,
				File: p.File, Line: 1, Packet: p.ID, Message: p.ID + " has no Estimated Effort"})
		}
		set.Packets = append(set.Packets, p)
	}
	for i := range 30 {
		p := &parser.Packet{ID: fmt.Sprintf("WAI-%03d", i), Title: "Waiting work", File: fmt.Sprintf("w%d.md", i), Line: 1,
			Priority: 0, Effort: &parser.Effort{Low: 2, High: 3}, Requires: []parser.Ref{{ID: "RDY-000", Line: 9}}}
		set.Packets = append(set.Packets, p)
	}
	set.Problems = append(set.Problems, parser.Problem{Severity: parser.Warning, Code: parser.CodeDanglingRef,
		File: "w0.md", Line: 9, Packet: "WAI-000", Message: "GHOST-1 is not the ID of any packet read"})
	for _, p := range set.Packets {
		set.Files = append(set.Files, p.File)
	}
	return set
}

// TestDefaultViewFitsOneScreen checks that plan's default view of a folder
// too large for one screen still fits 80x24: 22 lines, 80 columns, the
// long lists cut with the command that lists them all, one line per kind
// of warning with what to run, the raised priority marked and explained,
// and the same bytes every time.
func TestDefaultViewFitsOneScreen(t *testing.T) {
	a, err := Analyze(bigFolder())
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, WriteReport(&out, a, ViewOptions{}))
	text := out.String()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	assert.LessOrEqual(t, len(lines), 22, text)
	for _, l := range lines {
		assert.LessOrEqual(t, textWidth(l), 80, l)
	}
	assert.Contains(t, text, "70 packets: 0 complete, 0 in progress, 70 not started\n")
	assert.Regexp(t, `(?m)^Ready now \(40\) +pri +title +remaining$`, text)
	assert.Regexp(t, `(?m)^  RDY-000 +P0\* +Ready work +no estimate$`, text, "the most urgent first, its raised priority marked")
	assert.Regexp(t, `(?m)^  \.\.\. and \d+ more \(plan ready lists all\)$`, text)
	assert.Regexp(t, `(?m)^Blocked \(30\) +waits on$`, text)
	assert.Regexp(t, `(?m)^  WAI-000 +RDY-000$`, text)
	assert.Regexp(t, `(?m)^  \.\.\. and \d+ more \(plan blocked lists all\)$`, text)
	assert.Regexp(t, `(?m)^Forecast: P50 [\d.]+, P80 [\d.]+ working days with unlimited people`, text)
	assert.Contains(t, text, "\n  5 packets have no Estimated Effort, counted as 0 days (plan check lists them)\n")
	assert.Contains(t, text, "\n  1 row names a packet no file has (plan check lists it)\n")
	assert.Contains(t, text, "\n"+legendLine+"\n")
	assert.NotContains(t, text, "warning:", "warnings are counted, not listed")

	var again bytes.Buffer
	require.NoError(t, WriteReport(&again, a, ViewOptions{}))
	assert.Equal(t, text, again.String(), "same input, same bytes")

	// Colour changes no layout: without its escapes, the same text.
	var colour bytes.Buffer
	require.NoError(t, WriteReport(&colour, a, ViewOptions{Style: Style{Color: true}}))
	assert.Contains(t, colour.String(), "\x1b[1mCritical path\x1b[0m")
	assert.Equal(t, text, regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(colour.String(), ""))

	// --problems lists each one; a team plans with its people.
	var all bytes.Buffer
	require.NoError(t, WriteReport(&all, a, ViewOptions{AllProblems: true, Team: 3}))
	assert.Equal(t, 5, strings.Count(all.String(), ": warning: missing-effort\n"), all.String())
	assert.Regexp(t, `(?m)^Forecast: P50 [\d.]+, P80 [\d.]+ working days with 3 people$`, all.String())
}

// TestDefaultViewShowsErrorsInFull checks that an error (here a cycle)
// is never folded into a count: its location and its whole message are
// shown.
func TestDefaultViewShowsErrorsInFull(t *testing.T) {
	set := &parser.Set{Packets: []*parser.Packet{
		{ID: "A-1", Title: "A", File: "a.md", Line: 1, Priority: 1, Effort: &parser.Effort{Low: 1, High: 1}, Requires: []parser.Ref{{ID: "B-1", Line: 7}}},
		{ID: "B-1", Title: "B", File: "b.md", Line: 1, Priority: 1, Effort: &parser.Effort{Low: 1, High: 1}, Requires: []parser.Ref{{ID: "A-1", Line: 8}}},
	}, Files: []string{"a.md", "b.md"}}
	a, err := Analyze(set)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, WriteReport(&out, a, ViewOptions{}))
	assert.Contains(t, out.String(), "Problems (1 error, 0 warnings)\n")
	assert.Regexp(t, `(?m)^  [ab]\.md:\d+: error: cycle$`, out.String())
	assert.Contains(t, out.String(), "remove or make optional the row A-1 requires B-1 (a.md:7)")
	assert.Equal(t, []string{"cycle: A-1 -> B-1 -> A-1 (b.md:8)"}, CycleLines(a))
}
