package hiddentext

import (
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestHidden(t *testing.T) {
	for _, r := range []rune{0, '\t', '\n', 0x1b, 0x07, 0x7f, 0x85, 0x9b, '\u200b', '\ufeff', '\u00ad', '\u2060',
		'\u202e', '\u2066', '\u061c', '\u2028', '\u2029', 0xe0001, 0xe0041, 0xe007f} {
		assert.True(t, Hidden(r, utf8.RuneLen(r)), "%U must be hidden", r)
	}
	for _, r := range []rune{' ', 'a', 'é', '\u200d', '\u200c', '\ufe0f', '\u0301', '👩', '中', utf8.RuneError} {
		assert.False(t, Hidden(r, utf8.RuneLen(r)), "%U must be shown", r)
	}
	assert.True(t, Hidden(utf8.RuneError, 1), "an invalid byte is hidden")
	// Every bidirectional control is hidden, whatever Unicode adds.
	for _, rt := range unicode.Bidi_Control.R16 {
		for r := rune(rt.Lo); r <= rune(rt.Hi); r += rune(rt.Stride) {
			assert.True(t, Hidden(r, utf8.RuneLen(r)), "bidi control %U", r)
		}
	}
}

func TestAny(t *testing.T) {
	assert.False(t, Any("plain ✅ text 👨\u200d👩"))
	assert.True(t, Any("zero\u200bwidth"))
	assert.True(t, Any("bad \xff byte"))
}

func TestLocationSafe(t *testing.T) {
	assert.Equal(t, `README.md\x3a7: error: cycle: x.md`, LocationSafe("README.md:7: error: cycle: x.md"))
	assert.Equal(t, "a\\x3a 12\\x3a\t3.md", LocationSafe("a: 12:\t3.md"))
	assert.Equal(t, "notes:draft.md", LocationSafe("notes:draft.md"))
	assert.Equal(t, `C:\packets\a.md`, LocationSafe(`C:\packets\a.md`))
	assert.Equal(t, "end:", LocationSafe("end:"))
}
