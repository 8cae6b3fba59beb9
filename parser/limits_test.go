package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNestingAndSizeLimits: inputs that make goldmark slow or hungry
// (deep nesting, a huge Dependencies table) are cut at a documented limit
// with a parse warning at the line where reading stops; the packet and
// the rows before that line are kept.
func TestNestingAndSizeLimits(t *testing.T) {
	head := "# LIM-001: Limits\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| LIM-002 | 🚧 |\n\n"
	const headLines = 13 // the first line after head
	var rows strings.Builder
	rows.WriteString("| Dependency | Status |\n|---|---|\n")
	for i := range 200_000 {
		fmt.Fprintf(&rows, "| Service %d | ✅ |\n", i)
	}
	var indented strings.Builder
	for i := range 3000 {
		indented.WriteString(strings.Repeat("  ", i) + "- a\n")
	}
	tests := []struct {
		name    string
		body    string
		cutLine int    // 0: nothing is cut
		message string // in the warning
		rows    int    // refs + externals kept
	}{
		{"20,000 nested lists", strings.Repeat("- ", 20_000) + "x\n", headLines, "nested 20000 deep", 1},
		{"20,000 nested block quotes", strings.Repeat(">", 20_000) + " x\n", headLines, "nested 20000 deep", 1},
		{"20,000 nested ordered lists", strings.Repeat("1. ", 20_000) + "x\n", headLines, "nested 20000 deep", 1},
		// The outer item "a" is a bullet under Dependencies: an external.
		{"nesting by indentation", indented.String(), headLines + 32, "nested 33 deep", 2},
		{"200,000 table rows", rows.String(), MaxWeight + 1, "too long", 1 + MaxWeight + 1 - (headLines + 2)},
		{"a 5 MB line", strings.Repeat("x", 5<<20) + "\n", 0, "", 1},
		{"10 levels are fine", strings.Repeat("> ", 5) + strings.Repeat("- ", 5) + "x\n", 0, "", 1},
		{"a long thematic break", strings.Repeat("- ", 100) + "\n", 0, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse("lim.md", []byte(head+tt.body))
			require.NotNil(t, p)
			assert.Equal(t, "LIM-001", p.ID)
			assert.NotNil(t, p.Effort, "the header before the cut is read")
			assert.Equal(t, tt.rows, len(p.Requires)+len(p.Externals))
			var cut []Problem
			for _, pr := range probs {
				if pr.Code == CodeParse {
					cut = append(cut, pr)
				}
			}
			if tt.cutLine == 0 {
				assert.Empty(t, cut)
				return
			}
			require.Len(t, cut, 1)
			assert.Equal(t, tt.cutLine, cut[0].Line)
			assert.Contains(t, cut[0].Message, tt.message)
			assert.Contains(t, cut[0].Message, "the rest of the file, from this line, is not read")
		})
	}
}

func TestNesting(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"text", 0},
		{"- item", 1},
		{"  - item", 2},
		{"> quote", 1},
		{"> - item in a quote", 2},
		{"1. one", 1},
		{"12) twelve", 1},
		{"2024-01-15 a date", 0},
		{"- - - -", 0},
		{"* * *", 0},
		{"- - x", 2},
		{"| a | b |", 0},
		{"        code", 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, nesting([]byte(tt.line+"\n")), tt.line)
	}
}

// TestMarkBound: the openers of one paragraph are counted across its
// lines, so that exactly MaxMarks is read as written and one more, on a
// later line, is the warning at that line (excessMarks counts a line at a
// time and looks at the bytes only when the bound is passed).
func TestMarkBound(t *testing.T) {
	doc := func(extra string) []byte {
		return []byte("# LIM-001: Marks\n\n**Priority**: P1\n**Status**: Done\n**Estimated Effort**: 1d\n\n" +
			strings.Repeat("(", MaxMarks-2) + "\nabc\n" + "x`y<z" + extra + "\n\nnext *a*\n")
	}
	for _, tc := range []struct {
		extra string
		line  int // of the warning; 0: none
	}{{"", 0}, {"[", 9}, {"[[[", 9}} {
		_, probs := Parse("lim.md", doc(tc.extra))
		line := 0
		for _, p := range probs {
			if p.Code == CodeParse {
				line = p.Line
			}
		}
		assert.Equal(t, tc.line, line, "extra %q: %v", tc.extra, probs)
	}
}
