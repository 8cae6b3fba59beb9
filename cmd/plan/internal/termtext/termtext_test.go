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
