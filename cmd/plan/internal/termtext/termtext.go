// Package termtext is how plan puts text from packet files on a terminal:
// escaped so that no control character reaches it raw, and measured in
// the columns it takes. The text report and the change reports share it.
package termtext

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/workpackets/plan/parser/hiddentext"
)

// Clean makes text from a packet safe to print on a terminal: every
// character hiddentext calls hidden (controls, ANSI escapes among them,
// format characters such as U+200B, invalid bytes) is shown escaped,
// never written raw.
func Clean(s string) string {
	if !hiddentext.Any(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case hiddentext.Hidden(r, size):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// TextWidth is the number of terminal columns s takes, counted by
// grapheme cluster as terminals draw them (uniseg): an emoji sequence
// joined by U+200D (👩‍💻) or with the emoji variation selector (⚠️, 🏗️) is
// one wide character, a flag two regional indicators one, combining marks
// nothing, and wide and full-width characters two columns.
func TextWidth(s string) int { return uniseg.StringWidth(s) }

// Truncate shortens s to at most n columns, marking the cut with "…". It
// cuts between grapheme clusters, never inside an emoji sequence or
// between a letter and its accent.
func Truncate(s string, n int) string {
	if n <= 1 || TextWidth(s) <= n {
		return s
	}
	var b strings.Builder
	w := 0
	g := uniseg.NewGraphemes(s)
	for g.Next() {
		cw := g.Width()
		if w+cw > n-1 {
			break
		}
		b.WriteString(g.Str())
		w += cw
	}
	return b.String() + "…"
}

// CSVCell makes text from a packet or a commit safe in a CSV cell that a
// person opens in a spreadsheet: it is cleaned as for the terminal (Clean:
// ESC, BEL, C1 and bidirectional controls, zero-width characters and
// invalid bytes are shown escaped), and text that a spreadsheet would read
// as a formula (starting with =, +, -, @, tab or CR) gets a leading
// apostrophe, the OWASP advice. encoding/csv does the quoting.
func CSVCell(s string) string {
	s = Clean(s)
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') {
		return "'" + s
	}
	return s
}

// Path is how a file name is printed in a message or a FILE:LINE line:
// cleaned as packet text is, and with every colon that a compiler-style
// parser would read as the start of a line number written \x3a
// (hiddentext.LocationSafe), so that a file named
// "README.md:7: error: cycle: x.md" is never read as another location.
func Path(name string) string { return Clean(hiddentext.LocationSafe(name)) }

// Error is how an error is printed: cleaned, and the path of an
// *fs.PathError or *os.LinkError (an unreadable file, a dangling link)
// written as Path writes file names.
func Error(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe == err {
		return pe.Op + " " + Path(pe.Path) + ": " + Clean(pe.Err.Error())
	}
	var le *os.LinkError
	if errors.As(err, &le) && le == err {
		return le.Op + " " + Path(le.Old) + " " + Path(le.New) + ": " + Clean(le.Err.Error())
	}
	return Clean(err.Error())
}
