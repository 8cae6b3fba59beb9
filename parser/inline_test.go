package parser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCollapseSpace: a cell's text is its words joined by single spaces,
// exactly as strings.Fields splits them (Unicode spaces such as a
// no-break space and U+0085 too; invalid UTF-8 kept as it is).
func TestCollapseSpace(t *testing.T) {
	var buf []byte
	for _, s := range []string{
		"", " ", "a", " a ", "a  b", "a\tb\nc\r\vd\fe", "\u00a0x\u00a0\u00a0y\u0085", "x\u2003y\u3000",
		"\xffa \xfe\xff b\xc2", "✅ Done (WP-001)", "  many   spaces\there  ",
	} {
		assert.Equal(t, strings.Join(strings.Fields(s), " "), collapseSpace(&buf, []byte(s)), "%q", s)
	}
}

func FuzzCollapseSpace(f *testing.F) {
	f.Add("a \u00a0 b\xff")
	var buf []byte
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := strings.Join(strings.Fields(s), " "), collapseSpace(&buf, []byte(s)); want != got {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	})
}
