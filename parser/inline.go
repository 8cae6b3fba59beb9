package parser

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// inlineText is the plain text of a heading or other inline container.
func (d *document) inlineText(n ast.Node) string { return string(d.inlineBytes(n)) }

// inlineBytes is inlineText in the document's scratch buffer: valid until
// the next inline text is read.
func (d *document) inlineBytes(n ast.Node) []byte {
	b, _ := d.readInlineBytes(n, false)
	return b
}

// inlineWords is headingWords(d.inlineText(n)), looked up in the
// scratch's map before a string of the text is made: the headings and
// table header cells of a folder repeat a few texts. Callers only read the
// words.
func (d *document) inlineWords(n ast.Node) []string {
	b := d.inlineBytes(n)
	if w, ok := d.sc.headings[string(b)]; ok {
		return w
	}
	s := string(b)
	w := headingWords(s)
	if len(s) <= maxCellClassText && len(d.sc.headings) < maxCellClassCache {
		if d.sc.headings == nil {
			d.sc.headings = map[string][]string{}
		}
		d.sc.headings[s] = slices.Clip(w)
	}
	return w
}

// readCell reads the inline content of n from the source segments: its
// text and the links and IDs it names.
func (d *document) readCell(n ast.Node) cell { return d.readInline(n, true) }

// readInline reads the inline content of n; with refs, the links and IDs
// too. The text is gathered in the document's scratch buffers, so that a
// cell costs one string however many segments it has.
func (d *document) readInline(n ast.Node, refs bool) cell {
	b, items := d.readInlineBytes(n, refs)
	return cell{text: string(b), items: items}
}

// readInlineBytes is readInline with the text in the scratch buffer,
// valid until the next inline text is read.
func (d *document) readInlineBytes(n ast.Node, refs bool) ([]byte, []depItem) {
	sc := &d.sc.inline
	r := inlineReader{src: d.src, refs: refs, all: sc.all[:0], plain: sc.plain[:0]}
	out := &r.plain
	if !refs {
		out = nil
	}
	r.walk(n, out)
	if refs {
		r.flush()
	}
	sc.text = appendWords(sc.text[:0], r.all, false)
	sc.all, sc.plain = r.all, r.plain
	return sc.text, r.items
}

// inlineScratch are a document's buffers for reading inline text.
type inlineScratch struct {
	all, plain, text []byte
}

// inlineReader walks the inline nodes of one container.
type inlineReader struct {
	src   []byte
	refs  bool
	all   []byte // all the text, as written
	plain []byte // the text outside links since the last link
	items []depItem
}

// flush reads the IDs of the text outside links gathered so far.
func (r *inlineReader) flush() {
	// Every ID ends in "-" and a digit, and taking out struck text
	// (replaced by a space) cannot make one: without it, no ID.
	if hasDashDigit(r.plain) {
		s := string(r.plain)
		if strings.Contains(s, "~~") {
			s = struck.ReplaceAllString(s, " ")
		}
		if ids := findRefs(s); len(ids) > 0 {
			r.items = append(r.items, depItem{ids: ids})
		}
	}
	r.plain = r.plain[:0]
}

func (r *inlineReader) write(out *[]byte, s []byte) {
	if out != nil {
		*out = append(*out, s...)
	}
	r.all = append(r.all, s...)
}

func (r *inlineReader) writeByte(out *[]byte, c byte) {
	if out != nil {
		*out = append(*out, c)
	}
	r.all = append(r.all, c)
}

// walk writes the text of n's children to out (nil: only to all).
func (r *inlineReader) walk(n ast.Node, out *[]byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch v := c.(type) {
		case *ast.Text:
			s := v.Segment.Value(r.src)
			// The three functions change only text with a "\" or "&".
			if !v.IsRaw() && (bytes.IndexByte(s, '\\') >= 0 || bytes.IndexByte(s, '&') >= 0) {
				s = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(s)))
			}
			r.write(out, s)
			if v.SoftLineBreak() || v.HardLineBreak() {
				r.writeByte(out, ' ')
			}
		case *ast.String:
			r.write(out, v.Value)
		case *ast.Link:
			if r.refs && out == &r.plain {
				r.flush()
				var lt []byte
				r.walk(v, &lt)
				r.items = append(r.items, depItem{link: string(v.Destination), ids: findIDs(string(lt))})
			} else {
				r.walk(v, out)
			}
		case *ast.AutoLink:
			r.write(out, v.URL(r.src))
		case *ast.Image, *ast.RawHTML:
			r.writeByte(out, ' ')
		default:
			r.walk(c, out)
		}
	}
}

// collapseSpace is strings.Join(strings.Fields(string(b)), " "), built in
// *buf: the words of b (split at what unicode.IsSpace calls space) joined
// by single spaces.
func collapseSpace(buf *[]byte, b []byte) string {
	*buf = appendWords((*buf)[:0], b, false)
	return string(*buf)
}

// appendWords appends to out the words of s joined by single spaces: s cut
// at what unicode.IsSpace calls space (as strings.Fields cuts), and at "_"
// and "-" too when dashes is set. collapseSpace and StatusWord share it.
func appendWords[T string | []byte](out []byte, s T, dashes bool) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace(c) || dashes && (c == '_' || c == '-') {
				i++
				continue
			}
		} else if r, size := decodeRune(s, i); unicode.IsSpace(r) {
			i += size
			continue
		}
		// A word: copied whole, not a byte at a time.
		j := i
		for j < len(s) {
			if c := s[j]; c < utf8.RuneSelf {
				if asciiSpace(c) || dashes && (c == '_' || c == '-') {
					break
				}
				j++
				continue
			}
			r, size := decodeRune(s, j)
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, s[i:j]...)
		i = j
	}
	return out
}

// decodeRune is utf8.DecodeRune of s[i:].
func decodeRune[T string | []byte](s T, i int) (rune, int) {
	return utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
}
