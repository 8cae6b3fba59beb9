package parser

import (
	"fmt"
	"strings"
)

// dump formats a packet and its problems as the golden files show them: one
// fact per line, in a fixed order, so that a change in what the parser
// reads shows up as a readable diff.
func dump(p *Packet, probs []Problem) string {
	var b strings.Builder
	if p == nil {
		b.WriteString("not a packet\n")
	} else {
		fmt.Fprintf(&b, "packet %s (line %d)\n", p.ID, p.Line)
		fmt.Fprintf(&b, "  title: %q\n", p.Title)
		pr := p.Priority.String()
		if pr == "" {
			pr = "none"
		}
		fmt.Fprintf(&b, "  priority: %s\n", pr)
		fmt.Fprintf(&b, "  status: %s", p.Status)
		if p.Progress != nil {
			fmt.Fprintf(&b, " %d%%", *p.Progress)
		}
		b.WriteString("\n")
		if p.Effort == nil {
			b.WriteString("  effort: none\n")
		} else {
			fmt.Fprintf(&b, "  effort: %s", formatRange(p.Effort.Low, p.Effort.High))
			if p.Effort.HasLikely {
				fmt.Fprintf(&b, " likely %s", formatDays(p.Effort.Likely))
			}
			b.WriteString("\n")
		}
		if p.Actual != nil {
			fmt.Fprintf(&b, "  actual: %s days\n", formatDays(*p.Actual))
		}
		for _, r := range p.Requires {
			fmt.Fprintf(&b, "  requires %s (line %d) status %q\n", r.ID, r.Line, r.StatusText)
		}
		for _, r := range p.Optional {
			fmt.Fprintf(&b, "  optional %s (line %d) status %q\n", r.ID, r.Line, r.StatusText)
		}
		for _, e := range p.Externals {
			kind := "optional"
			if e.Required {
				kind = "required"
			}
			fmt.Fprintf(&b, "  external %q (line %d) %s %s status %q", e.Name, e.Line, kind, e.Class, e.StatusText)
			if e.Blocking() {
				b.WriteString(" BLOCKS")
			}
			b.WriteString("\n")
		}
	}
	for _, pr := range probs {
		fmt.Fprintf(&b, "%s\n", pr)
	}
	return b.String()
}
