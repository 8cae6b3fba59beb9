package parser

import "bytes"

// Limits on what is handed to goldmark. goldmark's time and memory grow
// with the nesting of lists and block quotes much faster than with the
// size of the text (a 20 KB line of 10,000 nested lists takes seconds; 10
// MB of lines nested 50 deep takes 20 seconds and 1.8 GB), so the parser
// stops reading a document where it passes either limit, with a parse
// warning at that line. Real packets stay far below both.
const (
	// MaxNesting is the deepest a line may be nested in lists and block
	// quotes (counting its list markers, its ">" and, on a line with a list
	// marker, every two columns of indentation).
	MaxNesting = 32
	// MaxWeight bounds the lines of the title, header and Dependencies
	// sections that are read, a line counting once plus once per level of
	// nesting: 50,000 plain lines, or a table of about 50,000 rows.
	MaxWeight = 50_000
)

// limitNesting cuts d.src before the first line that is nested deeper than
// MaxNesting or that takes the weight of the lines before it past
// MaxWeight, with a parse warning at that line.
func (d *document) limitNesting() {
	weight := 0
	for off := 0; off < len(d.src); {
		end := bytes.IndexByte(d.src[off:], '\n')
		if end < 0 {
			end = len(d.src)
		} else {
			end += off + 1
		}
		depth := nesting(d.src[off:end])
		weight += 1 + depth
		switch {
		case depth > MaxNesting:
			d.warn(d.lines.line(off), CodeParse, "lists or block quotes nested %d deep (plan reads at most %d); the rest of the file, from this line, is not read", depth, MaxNesting)
		case weight > MaxWeight:
			d.warn(d.lines.line(off), CodeParse, "the title, header and Dependencies sections are too long (plan reads %d lines, a nested line counting once per level); the rest of the file, from this line, is not read", MaxWeight)
		default:
			off = end
			continue
		}
		d.src = d.src[:off]
		return
	}
}

// nesting is how deep line l opens lists and block quotes: the number of
// ">" and list markers at its start, plus half its indentation when it has
// a list marker. A thematic break ("- - -") is not nested.
func nesting(l []byte) int {
	depth, cols, markers := 0, 0, 0
	i := 0
scan:
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			markers++
			i += 2
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 10 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 >= len(l) || (l[j] != '.' && l[j] != ')') || (l[j+1] != ' ' && l[j+1] != '\t') {
				break scan
			}
			markers++
			i = j + 2
		default:
			break scan
		}
	}
	if markers == 0 {
		return depth
	}
	if isBreak(l) {
		return depth
	}
	return depth + markers + cols/2
}

// isBreak reports whether l is a thematic break: three or more of one of
// "-", "*", "_", with only spaces and tabs between.
func isBreak(l []byte) bool {
	var mark byte
	n := 0
	for _, c := range bytes.TrimRight(l, "\r\n") {
		switch c {
		case ' ', '\t', '>':
		case '-', '*', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}
