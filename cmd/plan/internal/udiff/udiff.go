package udiff

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// contextLines is the number of unchanged lines shown around a change.
const contextLines = 3

// Write writes the changes from old to new of the file name as
// a unified diff (as `diff -u` and `git diff` print it, with a/ and b/
// prefixes for `git apply` and `patch -p1`). Lines are compared as split
// after each "\n" and printed as they are, so a CRLF file gives a patch
// that applies to it. plan sync only ever replaces text within lines, so
// old and new have the same number of lines, each compared with its
// counterpart; should they not, the whole file is one hunk.
func Write(w io.Writer, name string, old, new []byte) error {
	a, b := splitLines(old), splitLines(new)
	if bytes.Equal(old, new) {
		return nil
	}
	p := strings.TrimPrefix(filepath.ToSlash(name), "/")
	var out bytes.Buffer
	// As git writes the names: a path with a space gets a TAB after it,
	// which is where GNU patch ends the name (it would stop at the space),
	// and a path that needs it is quoted as C quotes a string.
	tab := ""
	if strings.Contains(p, " ") {
		tab = "\t"
	}
	fmt.Fprintf(&out, "--- %s%s\n+++ %s%s\n", gitQuote("a/"+p), tab, gitQuote("b/"+p), tab)
	if len(a) != len(b) {
		writeHunk(&out, a, b, 0, len(a), 0, len(b))
		_, err := w.Write(out.Bytes())
		return err
	}
	var changed []int
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, i)
		}
	}
	for k := 0; k < len(changed); {
		// A hunk runs from contextLines lines before its first change to
		// contextLines lines after its last, taking in every change with
		// at most 2*contextLines unchanged lines before it, as diff -u
		// does: their contexts meet, and one hunk shows them.
		first, last := changed[k], changed[k]
		for k++; k < len(changed) && changed[k]-last-1 <= 2*contextLines; k++ {
			last = changed[k]
		}
		from := max(first-contextLines, 0)
		to := min(last+contextLines+1, len(a))
		writeHunk(&out, a, b, from, to, from, to)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// writeHunk writes the hunk of a[af:at] against b[bf:bt]. With equal
// ranges, lines are paired: each run of changed lines is printed as its old
// lines then its new lines; otherwise all of a's lines, then all of b's.
func writeHunk(out *bytes.Buffer, a, b []string, af, at, bf, bt int) {
	fmt.Fprintf(out, "@@ -%s +%s @@\n", hunkRange(af, at-af), hunkRange(bf, bt-bf))
	if at-af != bt-bf {
		for _, l := range a[af:at] {
			writeDiffLine(out, '-', l)
		}
		for _, l := range b[bf:bt] {
			writeDiffLine(out, '+', l)
		}
		return
	}
	for i := af; i < at; {
		if a[i] == b[i] {
			writeDiffLine(out, ' ', a[i])
			i++
			continue
		}
		j := i
		for j < at && a[j] != b[j] {
			j++
		}
		for _, l := range a[i:j] {
			writeDiffLine(out, '-', l)
		}
		for _, l := range b[i:j] {
			writeDiffLine(out, '+', l)
		}
		i = j
	}
}

// gitQuote quotes a path in a diff header as git does (quote.c's
// quote_c_style, with core.quotePath off so that UTF-8 names stay
// readable): a path holding a control character, '"' or '\\' is written in
// double quotes with C escapes (\t, \n, \", \\, octal for the rest);
// any other path is written as it is. GNU patch and git apply read both.
func gitQuote(p string) string {
	must := false
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '"' || c == '\\' {
			must = true
			break
		}
	}
	if !must {
		return p
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\v':
			b.WriteString(`\v`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		default:
			if c < 0x20 || c == 0x7f {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// hunkRange formats the start and length of a hunk side: 1-based, and
// "start,len" unless the length is 1.
func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeDiffLine(out *bytes.Buffer, mark byte, l string) {
	out.WriteByte(mark)
	out.WriteString(l)
	if !strings.HasSuffix(l, "\n") {
		out.WriteString("\n\\ No newline at end of file\n")
	}
}

// splitLines splits after each "\n", keeping it; a final line without one
// is kept too.
func splitLines(b []byte) []string {
	lines := strings.SplitAfter(string(b), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
