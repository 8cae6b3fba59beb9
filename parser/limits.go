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
	end := len(l)
	for end > 0 && (l[end-1] == '\r' || l[end-1] == '\n') {
		end-- // bytes.TrimRight(l, "\r\n"), without building its set
	}
	for _, c := range l[:end] {
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

// MaxMarks is how many markdown openers ("[", "(", "!", "*", "_", "~",
// "`", "<") one paragraph, heading or table row may hold before the rest
// of its openers are read as plain text. goldmark's time grows with the
// number of openers times the size of the block that holds them (64 KB of
// "[a](" in one cell took 3 s, 400 KB over a minute), so this bound keeps
// reading linear in the size of the file. Real rows hold a few dozen.
const MaxMarks = 128

// markTable is 1 for the bytes that open an inline construct for goldmark:
// a table, because excessMarks looks at every byte of every file and a
// lookup is several times faster than a switch there.
var markTable = func() (t [256]uint8) {
	for _, c := range []byte("[(!*_~`<") {
		t[c] = 1
	}
	return t
}()

// isMark reports whether c opens an inline construct for goldmark.
func isMark(c byte) bool { return markTable[c] != 0 }

// countMarks is the number of openers in b, four bytes a step with four
// sums so that the lookups do not wait on each other.
func countMarks(b []byte) int {
	var n0, n1, n2, n3 int
	i := 0
	for ; i+4 <= len(b); i += 4 {
		q := b[i : i+4 : i+4]
		n0 += int(markTable[q[0]])
		n1 += int(markTable[q[1]])
		n2 += int(markTable[q[2]])
		n3 += int(markTable[q[3]])
	}
	for ; i < len(b); i++ {
		n0 += int(markTable[b[i]])
	}
	return n0 + n1 + n2 + n3
}

// limitMarks blanks, in the text goldmark reads, every opener past the
// MaxMarks-th of a block (a paragraph, a heading, a table row), with one
// parse warning at the first line where that happens. Bytes are only
// replaced, never removed, so every offset stays valid.
func (d *document) limitMarks() {
	src := d.src
	copied := false
	excessMarks(d.src, func(line, i int) bool {
		if !copied {
			d.warn(d.lines.line(line), CodeParse, "more than %d link or emphasis marks in one paragraph or table row (plan reads at most %d); the rest of them are read as plain text", MaxMarks, MaxMarks)
			src = bytes.Clone(src)
			copied = true
		}
		src[i] = ' '
		return true
	})
	d.src = src
}

// tooManyMarks reports whether a block of src holds more than MaxMarks
// openers. Such a file is read whole, so that the warning and what is
// read do not depend on which parts goldmark is handed.
func tooManyMarks(src []byte) bool {
	found := false
	excessMarks(src, func(int, int) bool {
		found = true
		return false
	})
	return found
}

// excessMarks calls f with the offset of its line and the offset of each
// opener past the MaxMarks-th of a block of src, until f returns false.
// Blocks are found line by line, as goldmark would: a blank line, a
// heading, a list item or a code fence starts a new block, and so does
// each row of a table once its delimiter row is seen. Lines of fenced
// code are not counted.
func excessMarks(src []byte, f func(line, i int) bool) {
	marks := 0        // openers in the current block
	fence := byte(0)  // '`' or '~' inside a fenced code block
	table := false    // the current block is a table
	prevText := false // the previous line is text of the current block
	for off := 0; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		start := off
		for start < end && (src[start] == ' ' || src[start] == '\t' || src[start] == '>') {
			start++
		}
		body := src[start:end]
		next := end + 1
		switch {
		case fence != 0:
			if bytes.HasPrefix(body, []byte{fence, fence, fence}) {
				fence = 0
			}
			off = next
			continue
		case bytes.HasPrefix(body, []byte("```")) || bytes.HasPrefix(body, []byte("~~~")):
			fence = body[0]
			marks, table, prevText = 0, false, false
			off = next
			continue
		case len(bytes.TrimSpace(body)) == 0:
			marks, table, prevText = 0, false, false
			off = next
			continue
		case body[0] == '#' || startsListItem(body):
			marks, table = 0, false // a heading or a list item starts a block
		case table:
			marks = 0 // each row of a table is parsed on its own
		case prevText && isDelimiterRow(body):
			marks, table = 0, true
		}
		prevText = true
		if n := countMarks(body); marks+n <= MaxMarks {
			marks += n // the common case: no opener past the bound
			off = next
			continue
		}
		for i := start; i < end; i++ {
			if !isMark(src[i]) {
				continue
			}
			if marks++; marks > MaxMarks && !f(off, i) {
				return
			}
		}
		off = next
	}
}

// isDelimiterRow reports whether l is a table's delimiter row: "|", ":",
// "-", spaces and tabs only, with at least one "-" and one "|".
func isDelimiterRow(l []byte) bool {
	dash, pipe := false, false
	for _, c := range bytes.TrimRight(l, " \t\r") {
		switch c {
		case '-':
			dash = true
		case '|':
			pipe = true
		case ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash && pipe
}

// startsListItem reports whether l (without its indentation and ">")
// starts with a list marker: "-", "*" or "+", or up to nine digits and
// "." or ")", followed by a space or tab.
func startsListItem(l []byte) bool {
	i := 0
	for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')'):
		i++
	case i == 0 && len(l) > 0 && (l[0] == '-' || l[0] == '*' || l[0] == '+'):
		i++
	default:
		return false
	}
	return i == len(l) || l[i] == ' ' || l[i] == '\t'
}
