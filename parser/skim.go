package parser

import (
	"bytes"
	"slices"
	"sync"
)

// This file is the fast reader. Of a packet file only the title, the header
// and the Dependencies sections matter (see "Reading only what matters" in
// doc.go), and they are a small part of a long document. skim finds them
// with a line scanner that knows what can hide a heading (fenced code,
// HTML blocks), and parseDocument hands only those lines to goldmark.
//
// The parts are cut only at top-level ATX headings (a "#" line at column 0
// outside fenced code and HTML blocks): such a line closes every open block,
// so the lines between two of them parse alone exactly as they do in the
// whole document. Each part runs from its heading to the heading that ends
// it, inclusive, so the reader in parse.go sees the same sequence of
// headings and blocks that matter as it would in the whole document:
//
//   - the header: from the title (the first level-1 heading) to the first
//     heading of level 1 or 2 after it;
//   - for every heading that may be a Dependencies heading: from it to the
//     next heading of the same or a higher level.
//
// A part may hold more than is needed (a setext heading or an indented "#"
// line the scanner does not cut at); the reader then finds the earlier end
// itself, as it would in the whole document. What the scanner must never do
// is miss a heading that matters or cut where goldmark would not. Whenever a
// construct could make it do so (a setext underline under text that may say
// Dependencies, a "#" line inside an HTML block or a possible list item, a
// fence whose list item may end early, a link reference definition outside
// the parts that a part may use), skim reports that it is not sure and the
// document is parsed whole.

// span is a range of a document's bytes, [from, to), starting at the
// 0-based line line.
type span struct {
	from, to int
	line     int
}

// atxHeading is a top-level ATX heading found by the scanner.
type atxHeading struct {
	from, to  int // the line's bytes, with its newline
	line      int // 0-based
	level     int
	candidate bool // may be a Dependencies heading
	// busy is set when a line after the heading, up to the next heading
	// the scanner cuts at, may be read or may change what the headings
	// mean: a line with a ':' (a field line, a label, a link reference
	// definition), a possible setext underline, an indented "#" heading.
	// The lines of a heading that is not busy may be left out of the
	// parts (see dropped).
	busy bool
}

// refDef is a line outside code that may be a link reference definition.
type refDef struct {
	off   int
	label []byte // nil when the label cannot be read from the line
}

// skimmer holds the scanner's state while it walks the lines.
type skimmer struct {
	b        *skimBuffers // where the spans on the way are made
	src      []byte
	headings []atxHeading
	defs     []refDef
	titled   bool // a level-1 heading has been found
	lines    int  // number of lines (1 + number of newlines)
	// unsureL2 is set when a level-2 heading the scanner does not cut at
	// (setext, indented) comes before any level-1 heading: in a document
	// without a level-1 heading it may be the title.
	unsureL2 bool
	// fronted is set when front matter gives the title: every possible
	// Dependencies heading counts, from the first line.
	fronted bool
	// depLines are the offsets of the lines that may be dependency
	// lines outside the header (mayBeDepLine).
	depLines []int
	// manyMarks is set when a run of lines without a blank line between
	// them, outside the fences excessMarks skips, holds more than
	// MaxMarks openers. Only then may a block hold that many
	// (tooManyMarks), since every block lies within one such run; skim
	// then asks tooManyMarks, which finds the blocks as goldmark would.
	manyMarks bool
}

// skim returns the parts of src (normalised, front matter blanked) that
// decide what the document holds, in order and without overlap, and the
// number of lines of src. fronted says that front matter gives the title.
// ok is false when the scanner is not sure, and then the document must be
// parsed whole; so is it when a block holds more than MaxMarks openers
// (tooManyMarks). No parts and ok mean the document has no title: it is
// not a packet.
func skim(src []byte, fronted bool) (parts []span, lines int, ok bool) {
	parts, lines, ok, _ = skimMarks(src, fronted)
	return parts, lines, ok
}

// skimMarks is skim; fewMarks reports that no run of lines without a
// blank line between them holds more than MaxMarks openers, so that no
// block of the parts does either and limitMarks has nothing to do there.
// (The parts are whole lines cut at top-level ATX headings, which start
// a block, so each block of the parts lies within one run of src.)
func skimMarks(src []byte, fronted bool) (parts []span, lines int, ok, fewMarks bool) {
	return skimMarksInto(nil, src, fronted)
}

// skimMarksInto is skimMarks, the parts appended to dst[:0].
func skimMarksInto(dst []span, src []byte, fronted bool) (parts []span, lines int, ok, fewMarks bool) {
	b := skimPool.Get().(*skimBuffers)
	s := skimmer{src: src, lines: 1, headings: b.headings[:0], defs: b.defs[:0], depLines: b.depLines[:0], fronted: fronted, b: b}
	defer func() {
		// Nothing returned points into the buffers; the labels of defs
		// point into src, so they are dropped.
		clear(s.defs)
		b.headings, b.defs, b.depLines = s.headings, s.defs[:0], s.depLines
		skimPool.Put(b)
	}()
	if !s.scan() {
		return nil, s.lines, false, false
	}
	if s.manyMarks && tooManyMarks(src) {
		// Read whole, so that the warning and what is read do not
		// depend on which parts goldmark is handed.
		return nil, s.lines, false, false
	}
	parts, ok = s.parts()
	if !ok {
		return nil, s.lines, false, false
	}
	if !s.defsUnused(parts) {
		return nil, s.lines, false, false
	}
	return append(dst[:0], parts...), s.lines, true, !s.manyMarks
}

// skimBuffers are the slices a skimmer grows, kept between files (skim
// runs for every file a folder holds).
type skimBuffers struct {
	headings []atxHeading
	defs     []refDef
	depLines []int
	// The spans parts and dropUnread make on their way.
	want, parts, out []span
	gaps             []gap
}

var skimPool = sync.Pool{New: func() any { return &skimBuffers{headings: make([]atxHeading, 0, 64)} }}

// Block states of the scanner.
const (
	stNormal  = iota
	stFence   // inside a fenced code block
	stComment // inside an HTML comment block opened at column 0
	stHTML    // after a line starting with "<": an HTML block or text, undecided
)

// scan walks the lines and records the top-level ATX headings and the
// possible link reference definitions. It returns false when it is not
// sure where the headings are.
func (s *skimmer) scan() bool {
	src := s.src
	state := stNormal
	var fenceChar byte
	var fenceLen, fenceIndent int
	var htmlEnd []byte   // marker ending an HTML block of type 1-5, if any
	htmlEndSeen := false // the marker has been seen: the block ends at the next blank line
	weight := 0          // as limitNesting counts it, over the whole document
	prevText := false    // the previous line may be paragraph text
	paraStart := 0       // where that paragraph may have started
	// The run of lines that manyMarks counts the openers of, [runFrom,
	// runTo), runFrom < 0 when there is none: its lines are counted at
	// once when it ends, and only when it has more than MaxMarks bytes.
	runFrom, runTo := -1, 0
	marksFence := byte(0) // '`' or '~' in a fence as excessMarks sees them
	candLevel := 0        // the level of the Dependencies candidate whose span this is, or 0
	line := 0
	for off := 0; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end < 0 {
			end = len(src)
		} else {
			end += off
			next = end + 1
		}
		l := src[off:end]
		start := off
		off = next
		if next > end {
			s.lines++ // s.lines starts at 1: one more line per newline
		}
		w, pos := indentWidth(l)
		blank := pos == len(l)
		t := l[pos:]
		if !s.manyMarks {
			// The fences as excessMarks sees them: it counts no line in
			// them and starts a block at each, so neither does this.
			body := l[pos:]
			for len(body) > 0 && (body[0] == ' ' || body[0] == '\t' || body[0] == '>') {
				body = body[1:]
			}
			switch {
			case marksFence != 0:
				if len(body) >= 3 && body[0] == marksFence && body[1] == marksFence && body[2] == marksFence {
					marksFence = 0
				}
			case len(body) >= 3 && (body[0] == '`' || body[0] == '~') && body[1] == body[0] && body[2] == body[0]:
				// ("```" or "~~~", as excessMarks looks for them.)
				s.endRun(runFrom, runTo)
				marksFence, runFrom = body[0], -1
			case blank:
				s.endRun(runFrom, runTo)
				runFrom = -1
			default:
				if runFrom < 0 {
					runFrom = start + pos
				}
				runTo = end
			}
		}
		if candLevel > 0 && !blank && bytes.IndexByte(l, ':') >= 0 {
			// (A heading line with a ':' marks the heading before it:
			// that only keeps more lines than needed.)
			s.busy()
		}

		// Past the limits of limits.go the whole parse stops reading at
		// this line; reading whole gives that result, here and in the
		// parts alike.
		depth := 0
		if len(t) > 0 && nestStarts[t[0]] {
			depth = lineNesting(src[start:next], w, pos)
		}
		if weight += 1 + depth; depth > MaxNesting || weight > MaxWeight {
			return false
		}

		switch state {
		case stFence:
			if blank {
				continue
			}
			if fenceIndent > 0 && w < fenceIndent {
				// Less indented than the fence: if the fence is in a list
				// item, this line ends the item and the fence with it.
				return false
			}
			if n := run(t, fenceChar); n >= fenceLen && isBlank(t[n:]) {
				if w < 4 {
					state = stNormal
					prevText = false
				} else if fenceIndent > 0 && w < 4+fenceIndent {
					return false // closes the fence if it is in a list item
				}
			}
			continue
		case stComment:
			if bytes.Contains(l, []byte("-->")) {
				state = stNormal
				prevText = false
			}
			continue
		case stHTML:
			if blank {
				if htmlEnd == nil || htmlEndSeen {
					state = stNormal
				}
				prevText = false
				continue
			}
			if htmlEnd != nil && containsFold(l, htmlEnd) {
				htmlEndSeen = true
			}
			if w < 4 && (isATX(t) > 0 || isFence(t) > 0) {
				return false // a heading or a fence, or HTML: not sure
			}
			if w < 4 && isSetextBar(t) {
				s.busy()
				if !s.setextHarmless(src[paraStart:start], t[0]) {
					return false
				}
			}
			if htmlEnd == nil && w < 4 && htmlEndMarker(t) != nil {
				// The lines so far may be a paragraph ("<span>x</span>"
				// is no HTML block), which an HTML block ending at a
				// marker interrupts, hiding what follows: not sure.
				return false
			}
			if !blank && !prevText {
				prevText, paraStart = true, start
			}
			s.maybeText(start, l)
			continue
		}

		if blank {
			prevText = false
			continue
		}
		if w >= 4 {
			// Indented code, or the continuation of a paragraph or list item.
			s.maybeText(start, l)
			continue
		}
		switch t[0] {
		case '#':
			if level := isATX(t); level > 0 {
				text := t[level:]
				if w == 0 {
					h := atxHeading{from: start, to: next, line: line, level: level, candidate: headingMayBeDependencies(text)}
					if level == 1 {
						s.titled = true
					}
					s.headings = append(s.headings, h)
					candLevel = candidateLevel(candLevel, h)
				} else {
					s.busy()
					if (level == 1 && !s.titled) || headingMayBeDependencies(text) {
						// An indented heading may sit in a list item or at
						// the top level: not sure whether it counts.
						return false
					}
					if level == 2 && !s.titled {
						s.unsureL2 = true
					}
				}
				prevText = false
				continue
			}
		case '`', '~':
			if n := isFence(t); n > 0 {
				state, fenceChar, fenceLen, fenceIndent = stFence, t[0], n, w
				prevText = false
				continue
			}
		case '<':
			if bytes.HasPrefix(t, []byte("<!--")) && w == 0 {
				if !bytes.Contains(l, []byte("-->")) {
					state = stComment
				}
				prevText = false
				continue
			}
			state, htmlEnd, htmlEndSeen = stHTML, htmlEndMarker(t), false
			if htmlEnd != nil && containsFold(l, htmlEnd) {
				htmlEndSeen = true
			}
			if !prevText {
				prevText, paraStart = true, start
			}
			s.maybeText(start, l)
			continue
		case '=', '-':
			if prevText && isSetextBar(t) {
				s.busy()
				if !s.setextHarmless(src[paraStart:start], t[0]) {
					return false
				}
				prevText = false
				continue
			}
		}
		if mayBeBreak(t[0]) && isThematicBreak(t) {
			prevText = false
			continue
		}
		if !prevText {
			prevText, paraStart = true, start
		}
		s.maybeText(start, l)
	}
	if !s.manyMarks {
		s.endRun(runFrom, runTo)
	}
	return true
}

// endRun sets manyMarks when the run of lines src[from:to] (from < 0 for
// none) holds more than MaxMarks openers. The lines between from and to
// are all counted, and what lies between their texts (newlines, the
// indentation of the next line) holds no opener, so the run is counted
// in one piece; a run of at most MaxMarks bytes cannot hold more.
func (s *skimmer) endRun(from, to int) {
	if from >= 0 && to-from > MaxMarks && countRunMarks(s.src[from:to]) > MaxMarks {
		s.manyMarks = true
	}
}

// countRunMarks is countMarks. Two thirds of a packet's bytes are in runs
// longer than MaxMarks, so that every one of them is counted; in a run of
// a few hundred bytes or more, counting each opener with bytes.Count
// (vector instructions, where the machine has them) costs less than
// looking each byte up.
func countRunMarks(b []byte) int {
	if len(b) < 256 {
		return countMarks(b)
	}
	n := 0
	for _, c := range markBytes {
		n += bytes.Count(b, c)
	}
	return n
}

// markBytes are the openers countMarks counts, each as a one-byte slice
// for bytes.Count.
var markBytes = func() (m [][]byte) {
	for c := range 256 {
		if isMark(byte(c)) {
			m = append(m, []byte{byte(c)})
		}
	}
	return m
}()

// lineNesting is nesting(line) for a line whose indentation is pos bytes
// wide and w columns. A line whose text starts with none of nestStarts is
// not nested (scan does not call it for those), and most lines of lists
// ("- text" indented by spaces) are one level plus half the spaces
// without a look at the rest of the line: a bullet and a space or tab
// followed by a byte that nesting and isBreak stop at.
func lineNesting(line []byte, w, pos int) int {
	t := line[pos:]
	if len(t) > 2 && w == pos && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') && !nestsOn[t[2]] {
		return 1 + w/2
	}
	if len(t) == 0 || !nestStarts[t[0]] {
		return 0
	}
	return nesting(line)
}

// nestStarts is true for the bytes a line's text starts with when nesting
// may count it: ">", a digit, a bullet.
var nestStarts = func() (t [256]bool) {
	for _, c := range []byte(">-*+0123456789") {
		t[c] = true
	}
	return t
}()

// nestsOn is true for the bytes after a bullet and a space that nesting
// may read on (another marker, a digit, spaces and ">") or that isBreak
// may (a "-", "*" or "_" of a thematic break), and for the line's end.
var nestsOn = func() (t [256]bool) {
	for _, c := range []byte(" \t>-*+_0123456789\r\n") {
		t[c] = true
	}
	return t
}()

// busy marks the last heading found busy.
func (s *skimmer) busy() {
	if n := len(s.headings); n > 0 {
		s.headings[n-1].busy = true
	}
}

// candidateLevel is the level of the Dependencies candidate whose span
// the lines after heading h are in (0 for none), given level, that of the
// lines before it: a candidate opens a span unless it lies in one of a
// higher level, and a heading of the span's level or higher ends it.
func candidateLevel(level int, h atxHeading) int {
	switch {
	case h.candidate && (level == 0 || h.level <= level):
		return h.level
	case h.level <= level:
		return 0
	}
	return level
}

// setextHarmless reports whether a setext underline (bar is '=' or '-')
// under the paragraph para cannot change what the document holds: it does
// not make a title (a level-1 heading before the title) or a Dependencies
// heading after it. A setext heading anywhere else only ends the header or a
// Dependencies section early, which the reader sees inside the part.
func (s *skimmer) setextHarmless(para []byte, bar byte) bool {
	if !s.titled {
		// Before the title only a level-1 heading counts (it may be the
		// title), or a level-2 one when no level-1 heading follows.
		if bar == '-' {
			s.unsureL2 = true
			return true
		}
		return false
	}
	return !mayBeDependencies(para)
}

// parts turns the headings into the spans to parse; ok is false when the
// scanner is not sure which heading is the title.
func (s *skimmer) parts() (parts []span, ok bool) {
	hs := s.headings
	title := -1
	for i, h := range hs {
		if h.level == 1 {
			title = i
			break
		}
	}
	if title < 0 && !s.fronted {
		// No level-1 heading: the first level-2 heading is the title.
		for i, h := range hs {
			if h.level == 2 {
				title = i
				break
			}
		}
		if s.unsureL2 {
			return nil, false
		}
	}
	if title < 0 && !s.fronted {
		return nil, true
	}
	// span of heading i up to the next heading of level maxLevel or
	// higher, inclusive; i is -1 for the lines before the first heading.
	spanOf := func(i, maxLevel int) span {
		to := len(s.src)
		for j := i + 1; j < len(hs); j++ {
			if hs[j].level <= maxLevel {
				to = hs[j].to
				break
			}
		}
		if i < 0 {
			return span{from: 0, to: to, line: 0}
		}
		return span{from: hs[i].from, to: to, line: hs[i].line}
	}
	want := s.b.want[:0]
	first := 0    // where the lines that count start
	headerTo := 0 // where the header's part ends
	if s.fronted {
		// Front matter is the title: the headings before the first
		// level-1 one matter too (the title heading, if any, is then
		// just a heading that ends the header).
		title = -1
	} else {
		want = append(want, spanOf(title, 2))
		first, headerTo = hs[title].from, want[0].to
	}
	for i := title + 1; i < len(hs); i++ {
		if hs[i].candidate {
			want = append(want, spanOf(i, hs[i].level))
		}
	}
	// A dependency line outside the header counts wherever it is: the
	// lines from the heading before it to the heading after it parse
	// alone as in the whole document.
	k := -1 // the last heading before the line
	for _, off := range s.depLines {
		if off < first {
			continue
		}
		for k+1 < len(hs) && hs[k+1].from <= off {
			k++
		}
		want = append(want, spanOf(k, 6))
	}
	slices.SortStableFunc(want, func(a, b span) int { return a.from - b.from })
	merged := s.b.parts[:0]
	for _, w := range want {
		if n := len(merged); n > 0 && merged[n-1].to >= w.from {
			merged[n-1].to = max(merged[n-1].to, w.to)
			continue
		}
		merged = append(merged, w)
	}
	s.b.want, s.b.parts = want[:0], merged[:0]
	return s.dropUnread(merged, headerTo), true
}

// gap is a range of lines left out of the parts, [from, to); toLine is
// the 0-based line at to.
type gap struct {
	from, to, toLine int
}

// dropUnread takes out of parts the lines of each sub-heading of a
// Dependencies candidate that says its tables and lists hold no
// dependencies ("### Infrastructure Ready", "### Critical Blocker":
// classifyHeading's kindNone), from the heading to the next heading, when
// nothing there can be read or change what is read: the heading is
// after the header's part, its text has no markup (so that its words are
// those goldmark reads), the heading after it is of its level or higher
// (so that no sub-heading inherits its kind, and that heading ends
// whatever the left-out one began), and the lines are not busy (no ':',
// so no field line, label or link reference definition; no possible
// setext underline or indented heading). Such a heading's paragraphs,
// lists and tables give no row, and the next heading closes every block
// as it would have closed them, so goldmark reads the same from the rest.
func (s *skimmer) dropUnread(parts []span, headerTo int) []span {
	hs := s.headings
	gaps := s.b.gaps[:0]
	level := 0
	for i, h := range hs {
		outer := level
		level = candidateLevel(level, h)
		if outer == 0 || h.candidate || h.busy || h.level <= outer || h.from < headerTo {
			continue
		}
		g := gap{from: h.from, to: len(s.src)}
		if i+1 < len(hs) {
			if hs[i+1].level > h.level {
				continue
			}
			g.to, g.toLine = hs[i+1].from, hs[i+1].line
		}
		text := s.src[h.from+h.level : h.to]
		if bytes.ContainsAny(text, "[&<`*_\\") || classifyHeading(string(text)) != kindNone {
			continue
		}
		gaps = append(gaps, g)
	}
	s.b.gaps = gaps[:0]
	if len(gaps) == 0 {
		return parts
	}
	out := s.b.out[:0]
	k := 0
	for _, p := range parts {
		from, line := p.from, p.line
		for k < len(gaps) && gaps[k].from < p.to {
			g := gaps[k]
			if g.to <= from {
				k++
				continue
			}
			if g.from > from {
				out = append(out, span{from: from, to: g.from, line: line})
			}
			if g.to >= p.to {
				from = p.to // the gap may reach into the next part
				break
			}
			from, line = g.to, g.toLine
			k++
		}
		if from < p.to {
			out = append(out, span{from: from, to: p.to, line: line})
		}
	}
	s.b.out = out[:0]
	return out
}

// maybeText records what a line that may be paragraph text may hold: a
// link reference definition, or a dependency line that counts outside
// the header and the Dependencies sections ("Depends on: LIN-104" under
// "## Related Tasks").
func (s *skimmer) maybeText(off int, l []byte) {
	s.maybeDef(off, l)
	if mayBeDepLine(l) {
		s.depLines = append(s.depLines, off)
	}
}

// mayBeDepLine reports whether a line may be one of bodyDepNames' lines:
// before its first ":" (a field name holds none), and within its first 80
// bytes, it has "depend", "block" or "deps" in any case. It runs on most
// lines of every file, so it looks for the words in those 80 bytes only,
// and only once it has found a ':'.
func mayBeDepLine(l []byte) bool {
	c := bytes.IndexByte(l, ':')
	if c < 0 {
		return false
	}
	return hasDepWord(l[:min(c, 80)])
}

// hasDepWord reports whether b holds "depend", "block" or "deps" in any
// ASCII case (containsFold of each, in one pass).
func hasDepWord(b []byte) bool {
	for i, c := range b {
		switch c | 0x20 {
		case 'd':
			if hasLetterPrefixFold(b[i:], "depend") || hasLetterPrefixFold(b[i:], "deps") {
				return true
			}
		case 'b':
			if hasLetterPrefixFold(b[i:], "block") {
				return true
			}
		}
	}
	return false
}

// hasLetterPrefixFold reports whether b starts with word, a lower-case
// ASCII word of letters only, in any case: for a letter, c|0x20 is its
// lower case, and no other byte gives a lower-case letter.
func hasLetterPrefixFold(b []byte, word string) bool {
	if len(b) < len(word) {
		return false
	}
	for i := 0; i < len(word); i++ {
		if b[i]|0x20 != word[i] {
			return false
		}
	}
	return true
}

// maybeDef records a line that may be a link reference definition
// ("[label]: destination"), possibly inside a block quote or list item.
func (s *skimmer) maybeDef(off int, l []byte) {
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
			continue
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t') {
				i += 2
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				i = j + 2
				continue
			}
		}
		break
	}
	if i >= len(l) || l[i] != '[' {
		return
	}
	rest := l[i+1:]
	for j := 0; j < len(rest); j++ {
		switch rest[j] {
		case '\\':
			j++
		case '[':
			s.defs = append(s.defs, refDef{off: off})
			return
		case ']':
			if j+1 < len(rest) && rest[j+1] == ':' {
				s.defs = append(s.defs, refDef{off: off, label: rest[:j]})
			}
			return
		}
	}
	// The label may go on on the next line.
	s.defs = append(s.defs, refDef{off: off})
}

// defsUnused reports whether no possible link reference definition outside
// the parts can be used by a reference link inside them. (Definitions
// inside the parts are seen by goldmark as in the whole document.)
func (s *skimmer) defsUnused(parts []span) bool {
	k := 0
	for _, d := range s.defs {
		for k < len(parts) && parts[k].to <= d.off {
			k++
		}
		if k < len(parts) && parts[k].from <= d.off {
			continue // inside a part
		}
		word := labelWord(d.label)
		for _, p := range parts {
			if mentionsLabel(s.src[p.from:p.to], word) {
				return false
			}
		}
	}
	return true
}

// labelWord returns the first word of a label, or nil when the label is
// unknown, empty or not ASCII (then any bracket may refer to it).
func labelWord(label []byte) []byte {
	for _, c := range label {
		if c >= 0x80 {
			return nil
		}
	}
	f := bytes.Fields(label)
	if len(f) == 0 {
		return nil
	}
	return f[0]
}

// mentionsLabel reports whether text has a "[" followed (after spaces) by
// word, in any case; with a nil word, whether it has a "[" at all.
func mentionsLabel(text, word []byte) bool {
	for i := bytes.IndexByte(text, '['); i >= 0; {
		if word == nil {
			return true
		}
		rest := bytes.TrimLeft(text[i+1:], " \t\n")
		if len(rest) >= len(word) && bytes.EqualFold(rest[:len(word)], word) {
			return true
		}
		j := bytes.IndexByte(text[i+1:], '[')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// headingMayBeDependencies reports whether the text of an ATX heading (after
// its "#" marks) may be a Dependencies heading. Without markup characters
// goldmark's text of the heading is the line itself, and the answer is
// exact; with them, it is mayBeDependencies.
func headingMayBeDependencies(text []byte) bool {
	if !mayBeDependencies(text) {
		return false
	}
	return bytes.ContainsAny(text, "[&<`*_\\") || isDependenciesHeading(string(text))
}

// mayBeDependencies reports whether heading (or paragraph) text may read
// as a Dependencies heading once goldmark has removed its markup: its
// letters contain "depend" in any case, or it has an entity or a link
// (whose text could spell it).
func mayBeDependencies(text []byte) bool {
	// Most headings and paragraphs say none of it: without a "[" or
	// "&", the letters d, e, p and n must all be there. Gathering which
	// are there costs a lookup a byte, where the match below costs
	// several branches.
	var seen uint8
	for _, c := range text {
		seen |= depLetters[c]
	}
	if seen < depAll {
		return false
	}
	const word = "depend"
	k := 0
	for i, c := range text {
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z':
		case c == '[':
			return true
		case c == '&':
			if isEntity(text[i+1:]) {
				return true
			}
			continue
		case c >= 0x80:
			k = 0
			continue
		default:
			continue // markup and punctuation
		}
		if c == word[k] {
			k++
			if k == len(word) {
				return true
			}
		} else if c == word[0] {
			k = 1
		} else {
			k = 0
		}
	}
	return false
}

// depLetters has a bit for each of the letters of "depend" in either
// case, and depMarkup for "[" and "&"; depAll is the four letters.
var depLetters = func() (t [256]uint8) {
	for i, c := range []byte("dpen") {
		t[c], t[c-'a'+'A'] = 1<<i, 1<<i
	}
	t['['], t['&'] = depMarkup, depMarkup
	return t
}()

const (
	depAll    = 1<<4 - 1
	depMarkup = 1 << 4
)

// isEntity reports whether b starts with the rest of an entity or numeric
// character reference ("amp;", "#68;").
func isEntity(b []byte) bool {
	i := 0
	for i < len(b) && i < 32 && (b[i] == '#' || b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	return i > 0 && i < len(b) && b[i] == ';'
}

// indentWidth returns the width of the leading spaces and tabs of l (tabs
// stop every 4 columns) and where the rest starts.
func indentWidth(l []byte) (w, pos int) {
	for pos < len(l) {
		switch l[pos] {
		case ' ':
			w++
		case '\t':
			w += 4 - w%4
		default:
			return w, pos
		}
		pos++
	}
	return w, pos
}

// isBlank reports whether b holds only spaces, tabs and line endings, as
// goldmark counts them.
func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// run is the number of c at the start of b.
func run(b []byte, c byte) int {
	n := 0
	for n < len(b) && b[n] == c {
		n++
	}
	return n
}

// isATX returns the level of the ATX heading that t (a line without its
// indentation) opens, or 0.
func isATX(t []byte) int {
	n := run(t, '#')
	if n == 0 || n > 6 {
		return 0
	}
	if n < len(t) && t[n] != ' ' && t[n] != '\t' {
		return 0
	}
	return n
}

// isFence returns the length of the code fence that t opens, or 0.
func isFence(t []byte) int {
	if len(t) == 0 || t[0] != '`' && t[0] != '~' {
		return 0
	}
	n := run(t, t[0])
	if n < 3 {
		return 0
	}
	if t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0 {
		return 0
	}
	return n
}

// isSetextBar reports whether t (without indentation) may underline a
// setext heading: only "=" or only "-", then spaces.
func isSetextBar(t []byte) bool {
	if len(t) == 0 || t[0] != '=' && t[0] != '-' {
		return false
	}
	return isBlank(t[run(t, t[0]):])
}

// mayBeBreak reports whether a line whose text starts with c may be a
// thematic break for isThematicBreak, which stops at any other first
// byte (a 0 byte is a mark for it until it has seen one).
func mayBeBreak(c byte) bool {
	return c == '-' || c == '*' || c == '_' || c == 0
}

// isThematicBreak reports whether t (without indentation) is a thematic
// break: three or more of one of "-", "*", "_", with spaces between.
func isThematicBreak(t []byte) bool {
	var mark byte
	n := 0
	for _, c := range t {
		switch {
		case c == ' ' || c == '\t':
		case mark == 0 && (c == '-' || c == '*' || c == '_'):
			mark, n = c, 1
		case c == mark:
			n++
		default:
			return false
		}
	}
	return n > 2
}

// htmlEndMarker returns the marker that ends an HTML block of type 1, 3, 4
// or 5 opened by t, or nil for the blocks that end at a blank line. It
// errs on the side of a marker: a line that may open such a block keeps
// the scanner unsure until the marker and a blank line.
func htmlEndMarker(t []byte) []byte {
	switch {
	case hasPrefixFold(t, "<script"):
		return []byte("</script>")
	case hasPrefixFold(t, "<pre"):
		return []byte("</pre>")
	case hasPrefixFold(t, "<style"):
		return []byte("</style>")
	case hasPrefixFold(t, "<textarea"):
		return []byte("</textarea>")
	case bytes.HasPrefix(t, []byte("<!--")):
		return []byte("-->")
	case bytes.HasPrefix(t, []byte("<?")):
		return []byte("?>")
	case bytes.HasPrefix(t, []byte("<![CDATA[")):
		return []byte("]]>")
	case bytes.HasPrefix(t, []byte("<!")):
		return []byte(">")
	}
	return nil
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}

// containsFold reports whether b contains the ASCII marker in any case.
// It runs on most lines of every file (mayBeDepLine), so it compares the
// rest of the marker only where its first byte is: a window that starts
// with any other byte, even a multi-byte letter that folds to that one,
// cannot be the ASCII marker's length and equal it.
func containsFold(b, marker []byte) bool {
	if len(marker) == 0 {
		return true
	}
	lo, up := marker[0], marker[0]
	if 'A' <= lo && lo <= 'Z' {
		lo += 'a' - 'A'
	} else if 'a' <= up && up <= 'z' {
		up -= 'a' - 'A'
	}
	for i := 0; i+len(marker) <= len(b); i++ {
		if c := b[i]; (c == lo || c == up) && bytes.EqualFold(b[i+1:i+len(marker)], marker[1:]) {
			return true
		}
	}
	return false
}
