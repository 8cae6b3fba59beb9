package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
)

// TestWriteReportWidth lays the report out for the terminal's width: a
// long title is cut at 80 columns but whole at 160, and no line is wider
// than the width asked for. A 10-column terminal is laid out for 40
// (the fixed sentences may pass it there).
func TestWriteReportWidth(t *testing.T) {
	title := "A title long enough that eighty columns cannot hold it beside the ID and effort"
	p, probs := parser.Parse("LONG-001.md", []byte("# LONG-001: "+title+"\n\n**Priority**: P1\n**Status**: Not Started\n**Estimated Effort**: 2 days\n"))
	if p == nil {
		t.Fatalf("parse: %v", probs)
	}
	a, err := Analyze(&parser.Set{Packets: []*parser.Packet{p}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		width, max int
		whole      bool
	}{{0, 80, false}, {80, 80, false}, {160, 160, true}, {10, 0, false}} {
		var buf bytes.Buffer
		if err := WriteReport(&buf, a, ViewOptions{Style: Style{Width: c.width}}); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if got := strings.Contains(out, title); got != c.whole {
			t.Errorf("width %d: title whole = %v, want %v:\n%s", c.width, got, c.whole, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if c.max > 0 && termtext.TextWidth(line) > c.max {
				t.Errorf("width %d: line wider than %d: %q", c.width, c.max, line)
			}
		}
	}
}

// TestLongIDKeepsColumns: an ID longer than the others (26 characters
// here) widens the ID column of plan ready instead of pushing its own
// row's priority, title and effort out of line with the rows above it.
func TestLongIDKeepsColumns(t *testing.T) {
	var packets []*parser.Packet
	for _, id := range []string{"TASK-1", "TASK-PACKAGING-001-PHASE-6"} {
		p, probs := parser.Parse(id+".md", []byte("# "+id+": Title of "+id+"\n\n**Priority**: P1\n**Status**: Not Started\n**Estimated Effort**: 2 days\n"))
		if p == nil {
			t.Fatalf("parse %s: %v", id, probs)
		}
		packets = append(packets, p)
	}
	a, err := Analyze(&parser.Set{Packets: packets})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteReady(&buf, a); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 rows:\n%s", buf.String())
	}
	col := func(line string) int { return strings.Index(line, " P1 ") }
	if col(lines[0]) != col(lines[1]) || col(lines[0]) < 0 {
		t.Errorf("priority column out of line:\n%s", buf.String())
	}
}
