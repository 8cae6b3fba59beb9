package parser

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestContainsFold: the first-byte filter finds what comparing every
// window with bytes.EqualFold finds, letters in either case, markers
// that start with punctuation, and windows with multi-byte letters that
// fold to ASCII ones (the Kelvin sign, the long s).
func TestContainsFold(t *testing.T) {
	slow := func(b, m []byte) bool {
		for i := 0; i+len(m) <= len(b); i++ {
			if bytes.EqualFold(b[i:i+len(m)], m) {
				return true
			}
		}
		return false
	}
	for _, b := range []string{"", "Depends", "xDEPEND", "dependx", "blo", "BLOCKED by", "\u212aey", "bloc\u212a", "</SCRIPT >", "</script>", "]]>", "}]>", "de\u017fps", "DePs"} {
		for _, m := range []string{"depend", "block", "deps", "</script>", "]]>", "-->", "key", "k"} {
			assert.Equal(t, slow([]byte(b), []byte(m)), containsFold([]byte(b), []byte(m)), "%q in %q", m, b)
		}
	}
}

// TestStatusWordOnePass: the one-pass StatusWord reads a word as lower-casing,
// reading "_" and "-" as spaces and strings.Fields did.
func TestStatusWordOnePass(t *testing.T) {
	ref := func(s string) string {
		s = strings.ToLower(s)
		s = strings.NewReplacer("_", " ", "-", " ").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	for _, s := range []string{"", " ", "done", "Done", "in review", "READY_FOR_IMPLEMENTATION", "won't-do", " a  b ", "a_", "-a", "✅ complete", "\u00a0x", "x\u0085y", "\xffDone", "a\tb", "ÉTÉ Done"} {
		assert.Equal(t, ref(s), StatusWord(s), "%q", s)
	}
}

func FuzzStatusWord(f *testing.F) {
	f.Add("Ready_For  Implementation\u00a0")
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(strings.ToLower(s))), " ")
		if got := StatusWord(s); got != want {
			t.Fatalf("%q: %q, want %q", s, got, want)
		}
	})
}

// TestTableCellsRead: of a dependency table only the dependency cell's
// IDs count, also when no column is named for dependencies and the first
// one (the dependency cell then) is the Status column; an ID in the
// description column is read too, one in any other column is not.
func TestTableCellsRead(t *testing.T) {
	src := "# TAB-001: Tables\n\n**Priority**: P1\n**Status**: Done\n**Estimated Effort**: 1d\n\n## Dependencies\n\n" +
		"| Status | Notes |\n|---|---|\n| TAB-002 ✅ Done | TAB-009 |\n\n" +
		"| Dependency | Owner | Status | Description |\n|---|---|---|---|\n| TAB-003 | TAB-008 | ✅ Done | after TAB-004 |\n"
	p, probs := Parse("tab.md", []byte(src))
	require.NotNil(t, p, "%v", probs)
	assert.Equal(t, []string{"TAB-002", "TAB-003"}, refIDsOf(p.Requires))
}
