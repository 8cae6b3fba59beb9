package parser

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// This file repairs mis-encoded text: UTF-8 bytes that were read as
// Windows-1252 and saved again as UTF-8 ("✅" became "âœ…"). The repair runs
// once over the whole document before anything else looks at it, and only
// ever replaces non-ASCII characters by other non-ASCII characters, so the
// markdown structure and every line number stay exactly as they were.

// lossyForms are the mis-encoded forms whose original bytes cannot be
// recovered by mapping the characters back, because Windows-1252 has no
// character for one of the bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) and it was
// dropped. Only forms that are unambiguous in a status cell or heading are
// listed: the template's emoji.
var lossyForms = []struct{ from, to string }{
	{"ðŸ—ï¸", "🏗️"},  // F0 9F [8F] 97 EF B8 [8F]
	{"ðŸ—", "🏗"},     // F0 9F [8F] 97
	{"âš ï¸", "⚠️"},  // E2 9A A0 EF B8 [8F], the no-break space turned into a space
	{"âŒ", "❌"},      // E2 [9D] 8C
	{"ï¸", "\uFE0F"}, // variation selector 16: EF B8 [8F]
}

// mayBeMisencoded reports quickly whether src can contain mis-encoded text:
// every mis-encoded sequence starts with one of the characters U+00C2..U+00F4
// (the Windows-1252 reading of a UTF-8 lead byte), encoded in UTF-8 as
// C3 82..C3 B4.
func mayBeMisencoded(src []byte) bool {
	for i := bytes.IndexByte(src, 0xC3); i >= 0 && i+1 < len(src); {
		if c := src[i+1]; c >= 0x82 && c <= 0xB4 {
			return true
		}
		j := bytes.IndexByte(src[i+1:], 0xC3)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// repairEncoding returns src with mis-encoded sequences decoded. A sequence
// is decoded only when mapping its characters back through Windows-1252
// gives one valid, plausible UTF-8 character: three- and four-byte
// characters (symbols, emoji, typographic punctuation), or two-byte
// characters whose lead is Â or Ã (Latin-1 letters and symbols). Text that
// merely contains accented letters ("café", "naïve") is left alone. The
// lossy forms above are replaced where the general rule does not apply.
// When nothing needs repair, src itself is returned.
func repairEncoding(src []byte) []byte {
	if !mayBeMisencoded(src) {
		return src
	}
	var out []byte
	changed := false
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r >= 0xC2 && r <= 0xF4 {
			if b, m := decodeSequence(src[i:], r); m > 0 {
				if !changed {
					out = append(make([]byte, 0, len(src)), src[:i]...)
					changed = true
				}
				out = append(out, b...)
				i += m
				continue
			}
			if to, m := matchLossy(src[i:]); m > 0 {
				if !changed {
					out = append(make([]byte, 0, len(src)), src[:i]...)
					changed = true
				}
				out = append(out, to...)
				i += m
				continue
			}
		}
		if changed {
			out = append(out, src[i:i+n]...)
		}
		i += n
	}
	if !changed {
		return src
	}
	return out
}

// decodeSequence tries to read one mis-encoded UTF-8 character at the start
// of s, whose first character is the lead r. It returns the original bytes
// and how many bytes of s they replace, or m == 0.
func decodeSequence(s []byte, r rune) (orig []byte, m int) {
	need := 2
	switch {
	case r >= 0xF0:
		need = 4
	case r >= 0xE0:
		need = 3
	}
	if need == 2 && r != 0xC2 && r != 0xC3 {
		return nil, 0 // "É–" is more likely real text than a mis-encoding
	}
	var buf [4]byte
	buf[0] = byte(r)
	j := utf8.RuneLen(r)
	for k := 1; k < need; k++ {
		c, n := utf8.DecodeRune(s[j:])
		if c == utf8.RuneError && n <= 1 {
			return nil, 0
		}
		b, ok := charmap.Windows1252.EncodeRune(c)
		if !ok || b < 0x80 || b > 0xBF {
			return nil, 0
		}
		buf[k] = b
		j += n
	}
	dec, size := utf8.DecodeRune(buf[:need])
	if dec == utf8.RuneError || size != need || (dec >= 0x80 && dec < 0xA0) {
		return nil, 0
	}
	return buf[:need], j
}

// matchLossy reports which lossy form s starts with.
func matchLossy(s []byte) (to string, m int) {
	for _, f := range lossyForms {
		if bytes.HasPrefix(s, []byte(f.from)) {
			return f.to, len(f.from)
		}
	}
	return "", 0
}
