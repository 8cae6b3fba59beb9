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
