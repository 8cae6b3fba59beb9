package change

import (
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/graph"
)

// lineWidth is the width the text formats are laid out for.
const lineWidth = 80

// clean, textWidth and truncate are termtext's, under the
// names the formats here use.
func clean(s string) string           { return termtext.Clean(s) }
func textWidth(s string) int          { return termtext.TextWidth(s) }
func truncate(s string, n int) string { return termtext.Truncate(s, n) }

// cleanPath prints a file name: cleaned, and never read as another
// FILE:LINE location (termtext.Path).
func cleanPath(name string) string { return termtext.Path(name) }

// signed formats a change in days: "+2.5d", "-1d", "±0d".
func signed(x float64) string {
	x = graph.RoundDays(x)
	switch {
	case x > 0:
		return "+" + graph.Days(x) + "d"
	case x < 0:
		return "-" + graph.Days(-x) + "d"
	}
	return "±0d"
}

// chain writes IDs joined by arrows, wrapped to lineWidth with indent.
func chain(ids []string, indent string) []string {
	if len(ids) == 0 {
		return []string{indent + "(none)"}
	}
	var lines []string
	cont := strings.Repeat(" ", textWidth(indent)+2)
	cur, fresh := indent, true
	for i, id := range ids {
		part := clean(id)
		if i < len(ids)-1 {
			part += " →"
		}
		if !fresh && textWidth(cur)+1+textWidth(part) > lineWidth {
			lines = append(lines, cur)
			cur, fresh = cont, true
		}
		if !fresh {
			cur += " "
		}
		cur += part
		fresh = false
	}
	return append(lines, cur)
}
