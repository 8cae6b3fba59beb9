// Package hiddentext is plan's one rule for characters from a packet file
// (or a file name) that must not be shown as themselves: a reader would not
// see them, or a terminal, a CI log or a spreadsheet would act on them.
//
// A character is hidden when it is an invalid UTF-8 byte, a control
// character (C0, DEL, C1: ESC and BEL among them), a format character
// (Unicode category Cf: zero-width space U+200B, byte-order mark U+FEFF,
// soft hyphen U+00AD, the bidirectional controls, the tag characters
// U+E0000-U+E007F that can carry invisible text) or a line or paragraph
// separator (U+2028, U+2029). Two format characters are not hidden: the
// zero-width joiner U+200D and non-joiner U+200C, which emoji sequences and
// scripts such as Persian and Devanagari need to be spelled right.
//
// What each output does with a hidden character, so that the formats agree:
//   - text a person reads (the text report, messages, CSV cells) shows it
//     escaped as Go writes it: \x1b, \u200b, \U000e0041, \xff for a bad byte
//     (termtext.Clean);
//   - markdown cells and pictures (DOT, Mermaid) replace it with a space,
//     since a rendered page has no place for an escape that stays readable;
//   - JSON keeps the text exactly (encoding/json escapes the control
//     characters), since its reader is a program that wants the data.
//
// An emoji flag spelled with tag characters (🏴 England) is therefore shown
// as the black flag and the escaped tags: rare in packet titles, and the
// same characters are how invisible instructions are smuggled into text.
package hiddentext

import (
	"unicode"
	"unicode/utf8"
)

// Hidden reports whether the rune r, decoded from size bytes of a string,
// must not be shown as itself (see the package comment).
func Hidden(r rune, size int) bool {
	if r == utf8.RuneError && size <= 1 {
		return true
	}
	if r < utf8.RuneSelf {
		return r < 0x20 || r == 0x7f
	}
	if r == '\u200d' || r == '\u200c' {
		return false
	}
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp)
}

// Any reports whether s holds a hidden character.
func Any(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if Hidden(r, size) {
			return true
		}
		i += size
	}
	return false
}
