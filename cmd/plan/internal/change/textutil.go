package change

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// These mirror cmd/plan's text helpers until the report package, which
// will own them, lands; then this file goes.

// lineWidth is the width the text formats are laid out for.
const lineWidth = 80

// clean escapes control characters and invalid bytes of packet text.
func clean(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func runeWidth(r rune) int {
	if r == '\u200d' || unicode.Is(unicode.Variation_Selector, r) || unicode.In(r, unicode.Mn, unicode.Me) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func textWidth(s string) int {
	n, prev := 0, 0
	for _, r := range s {
		w := runeWidth(r)
		if r == '\ufe0f' && prev == 1 {
			w = 1
		}
		n += w
		prev = w
	}
	return n
}

// truncate shortens s to at most n columns, marking the cut.
func truncate(s string, n int) string {
	if n <= 1 || textWidth(s) <= n {
		return s
	}
	var b strings.Builder
	w := 0
	for _, r := range s {
		rw := runeWidth(r)
		if w+rw > n-1 {
			break
		}
		b.WriteRune(r)
		w += rw
	}
	return b.String() + "…"
}

// signed formats a change in days: "+2.5d", "-1d", "±0d".
func signed(x float64) string {
	x = round1(x)
	switch {
	case x > 0:
		return "+" + days(x) + "d"
	case x < 0:
		return "-" + days(-x) + "d"
	}
	return "±0d"
}

func round1(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 1, 64), 64)
	return r
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
