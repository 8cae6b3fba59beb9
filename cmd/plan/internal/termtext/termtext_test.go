package termtext

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCleanEscapesHiddenCharacters(t *testing.T) {
	assert.Equal(t, `a\x1b[2Jb\a`, Clean("a\x1b[2Jb\a"))
	assert.Equal(t, `zw\u200bsp bom\ufeff shy\u00ad tag\U000e0041 bidi\u202e bad\xff`,
		Clean("zw\u200bsp bom\ufeff shy\u00ad tag\U000e0041 bidi\u202e bad\xff"))
	assert.Equal(t, "emoji 👨\u200d👩 ⚠️ é", Clean("emoji 👨\u200d👩 ⚠️ é"), "joiners, variation selectors and marks stay")
}

func TestCSVCell(t *testing.T) {
	assert.Equal(t, `'=HYPERLINK("x")`, CSVCell(`=HYPERLINK("x")`))
	assert.Equal(t, `'-1`, CSVCell("-1"))
	assert.Equal(t, `\x1b]52;c;AAAA\a`, CSVCell("\x1b]52;c;AAAA\a"))
	assert.Equal(t, `\tx`, CSVCell("\tx"), "a tab is escaped, so the cell no longer starts with one")
	assert.Equal(t, "plain", CSVCell("plain"))
}

// TestTextWidthEmojiSequences measures text as a terminal draws it: an
// emoji joined by U+200D is one wide character, not three; a flag is one;
// an accent adds nothing. Rune by rune, 👩‍💻 counted 4 and the flag 2.
func TestTextWidthEmojiSequences(t *testing.T) {
	for s, want := range map[string]int{
		"abc":      3,
		"👩‍💻":      2, // woman, ZWJ, laptop
		"👨‍👩‍👧‍👦":  2, // family of four
		"🇩🇪":       2, // regional indicators D and E
		"⚠️":       2, // warning sign with the emoji variation selector
		"é":        1, // e and a combining acute accent
		"日本":       4,
		"🚧 Not 👍🏽": 9, // thumbs up with a skin tone modifier is one
	} {
		if got := TextWidth(s); got != want {
			t.Errorf("TextWidth(%q) = %d, want %d", s, got, want)
		}
	}
	// Truncate never cuts an emoji sequence: 6 columns keep "ab", the
	// two-column 👩‍💻 whole, "c" and the mark; 4 columns cannot hold the
	// emoji and the mark after "ab", so it goes whole, never its first half.
	if got := Truncate("ab👩‍💻cdefgh", 6); got != "ab👩‍💻c…" {
		t.Errorf("Truncate = %q, want ab👩‍💻c…", got)
	}
	if got := Truncate("ab👩‍💻cdefgh", 4); got != "ab…" {
		t.Errorf("Truncate = %q, want ab…", got)
	}
}
