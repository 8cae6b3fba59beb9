// Package termtext is how plan puts text from packet files on a terminal:
// escaped so that no control character reaches it raw, and measured in
// the columns it takes. The text report and the change reports share it.
package termtext

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/workpackets/plan/internal/hiddentext"
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

// RuneWidth is the number of terminal columns r takes: 0 for combining
// marks, zero-width joiners and variation selectors, 2 for wide and
// full-width characters (most emoji among them), 1 otherwise.
func RuneWidth(r rune) int {
	switch {
	case r == '\u200d' || unicode.Is(unicode.Variation_Selector, r) || unicode.In(r, unicode.Mn, unicode.Me):
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// TextWidth is the number of terminal columns s takes. A character
// followed by the emoji variation selector (U+FE0F, as in ⚠️ and 🏗️) is
// drawn as a wide emoji.
func TextWidth(s string) int {
	n, prev := 0, 0
	for _, r := range s {
		w := RuneWidth(r)
		if r == '\ufe0f' && prev == 1 {
			w = 1
		}
		n += w
		prev = w
	}
	return n
}

// Truncate shortens s to at most n columns, marking the cut.
func Truncate(s string, n int) string {
	if n <= 1 || TextWidth(s) <= n {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := RuneWidth(r)
		if w+rw > n-1 {
			break
		}
		b.WriteRune(r)
		w += rw
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
