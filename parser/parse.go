package parser

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdown is the goldmark parser: CommonMark plus GFM tables, with the
// inline content of the paragraphs plan reads only as lines left unparsed
// (see rawParagraphs). It is safe for concurrent use; each Parse call has
// its own context.
var markdown = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table),
		goldmark.WithParserOptions(parser.WithParagraphTransformers(util.Prioritized(rawParagraphs{}, 1000)))).Parser()
})

// markdownInline is markdown with every paragraph's inline content parsed:
// the reference that tests hold the raw paragraphs to.
var markdownInline = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()
})

// rawParagraph is a paragraph whose inline content goldmark does not parse
// (IsRaw): its Kind, lines and position are the paragraph's.
type rawParagraph struct{ ast.Paragraph }

// IsRaw tells goldmark to leave the paragraph's lines as they are.
func (*rawParagraph) IsRaw() bool { return true }

// rawParagraphs is a paragraph transformer that turns each closed
// paragraph that is not the child of a list item into a rawParagraph, so
// goldmark does not parse its inline content. Plan reads a paragraph's
// inline content only where it is the first block of a list item
// (listItem and headerBlock read its text); every other paragraph it reads
// line by line from Lines() (header fields, dependency lines, labels), or
// not at all. Inline parsing runs after all blocks are closed and keeps no
// state from one block to the next (link reference definitions are read at
// paragraph close, by a transformer that runs before this one), so leaving
// a paragraph's inline content unparsed changes nothing else goldmark
// reads. The list parser turns the paragraphs of a tight list's items
// into text blocks by their type: those are never made raw.
type rawParagraphs struct{}

// paragraphParser closes a paragraph as goldmark does (its lines trimmed).
var paragraphParser = parser.NewParagraphParser()

// Transform replaces node with a rawParagraph after closing it as goldmark
// would have right after the paragraph transformers ran. A paragraph that
// a setext heading underline ends is no longer among the open blocks when
// it is transformed (goldmark closed it already and makes it the
// heading's text): it is left alone.
func (rawParagraphs) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	parent := node.Parent()
	if parent == nil || parent.Kind() == ast.KindListItem || !isOpen(node, pc) {
		return
	}
	paragraphParser.Close(node, reader, pc)
	if node.Parent() == nil {
		return // it had no lines: goldmark removed it
	}
	raw := &rawParagraph{}
	raw.SetLines(node.Lines())
	raw.SetBlankPreviousLines(node.HasBlankPreviousLines())
	parent.ReplaceChild(parent, node, raw)
}

// isOpen reports whether n is one of the blocks goldmark has open.
func isOpen(n ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0; i-- {
		if blocks[i].Node == n {
			return true
		}
	}
	return false
}

// document is one file being parsed: its normalised source, where its lines
// start, and the problems found so far.
type document struct {
	file     string
	src      []byte
	lines    lineIndex
	problems []Problem
	rows     []depRow // the dependency rows, in file order
	// template is set when the document is not a packet because its
	// title has a placeholder where the ID goes ("# [PACKET-ID]: ...").
	template bool
	// explain, when not nil, collects what Explain reports: each header
	// field line and the title that is not a packet's.
	explain *Explanation
	// cfg is the folder's plan.yaml (nil for none): its status words and
	// sizes.
	cfg *Config
	// front is the document's YAML front matter, or nil.
	front *frontMatter
	// why says why the document is not a packet, when it is not.
	why string
	// sc holds the buffers reading the document uses and no result
	// keeps.
	sc *scratch
	// fewMarks is set when skim found no block of the source with more
	// than MaxMarks openers: limitMarks has nothing to do.
	fewMarks bool
	// inlineAll parses the inline content of every paragraph
	// (markdownInline): for tests only.
	inlineAll bool
}

// lineIndex converts byte offsets into 1-based line numbers. This is the one
// place where goldmark's byte offsets become line numbers. When goldmark
// reads only parts of a document (see skim.go), the offsets are into the
// parts laid end to end, and nums gives each of their lines its number in
// the document.
type lineIndex struct {
	starts []int // byte offset of the start of each line
	nums   []int // the document's 1-based number of each line; nil: i+1
	total  int   // number of lines of the document
}

func newLineIndex(src []byte) lineIndex {
	return appendLineIndex(make([]int, 0, 64+len(src)/40), src)
}

// appendLineIndex is newLineIndex with the line starts appended to
// starts[:0].
func appendLineIndex(starts []int, src []byte) lineIndex {
	starts = append(starts[:0], 0)
	for i, c := range src {
		if c == '\n' && i+1 <= len(src) {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{starts: starts, total: len(starts)}
}

// scratch holds what reading one document needs and no result keeps: the
// parts laid end to end and their line index, the buffers inline text and
// table rows are read into, the words of the headings read so far, and
// goldmark's parse context. A worker reading thousands of files takes one
// from scratchPool for each and puts it back, so these are made about
// once a worker, not once a file. Nothing a document gives back points
// into them (every string is copied out), as nothing points into the
// source Load reads each file into.
type scratch struct {
	joined       []byte
	starts, nums []int
	inline       inlineScratch
	cells        []cell
	words        [][]string
	// headings remembers headingWords of the texts read, as
	// headingWordsCache does for the whole process, but looked up
	// without making a string of the text (a map index of string(b)
	// copies nothing).
	headings map[string][]string
	// statuses remembers what readStatus said of the Status values read
	// without a plan.yaml: a folder's Status lines hold a few values
	// thousands of times.
	statuses map[string]statusResult
	// estimates is the same for readEstimate.
	estimates map[estimateKey]estimateResult
	// pc is goldmark's context, reset after each Parse; nil when the
	// last Parse left what a reset cannot clear.
	pc     parser.Context
	pcKeys parser.ContextKey // parser.ContextKeyMax when pc was made
	// doc is the document being read (one at a time: newDocumentIn).
	doc document
	// parts are the parts skim found in the document.
	parts []span
	// rows, when not nil, is where the next document's dependency rows
	// go: the rows of a document read before, handed back by whoever
	// owns the scratch once nothing points to them (parseSource, whose
	// keeper's scratch is its own and not the pool's).
	rows []depRow
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// putScratch puts sc back into scratchPool without the document it read
// last (which points to the source it was given).
func putScratch(sc *scratch) {
	sc.doc = document{}
	scratchPool.Put(sc)
}

// statusResult is what readStatus returns.
type statusResult struct {
	r       statusRead
	missing bool
	msg     string
}

// readStatus is readStatus(v, cfg), remembered when cfg is nil for the
// first maxCellClassCache values of at most maxCellClassText bytes. (A
// plan.yaml's words may change from one Load to the next: what they give
// is not remembered.) Each call gets its own progress.
func (sc *scratch) readStatus(v string, cfg *Config) (statusRead, bool, string) {
	if cfg != nil {
		return readStatus(v, cfg)
	}
	res, ok := sc.statuses[v]
	if !ok {
		res.r, res.missing, res.msg = readStatus(v, nil)
		if len(v) <= maxCellClassText && len(sc.statuses) < maxCellClassCache {
			if sc.statuses == nil {
				sc.statuses = map[string]statusResult{}
			}
			sc.statuses[strings.Clone(v)] = res
		}
	}
	if res.r.progress != nil {
		n := *res.r.progress
		res.r.progress = &n
	}
	return res.r, res.missing, res.msg
}

// estimateKey and estimateResult are what readEstimate takes (without a
// plan.yaml) and returns.
type estimateKey struct {
	v         string
	sizeField bool
}

type estimateResult struct {
	e       *Effort
	actual  *float64
	missing bool
	msgs    []string
}

// readEstimate is readEstimate(v, cfg, sizeField), remembered as
// readStatus remembers. Each call gets its own Effort and actual days;
// callers only read msgs.
func (sc *scratch) readEstimate(v string, cfg *Config, sizeField bool) (*Effort, *float64, bool, []string) {
	if cfg != nil {
		return readEstimate(v, cfg, sizeField)
	}
	res, ok := sc.estimates[estimateKey{v, sizeField}]
	if !ok {
		res.e, res.actual, res.missing, res.msgs = readEstimate(v, nil, sizeField)
		if len(v) <= maxCellClassText && len(sc.estimates) < maxCellClassCache {
			if sc.estimates == nil {
				sc.estimates = map[estimateKey]estimateResult{}
			}
			sc.estimates[estimateKey{strings.Clone(v), sizeField}] = res
		}
	}
	if res.e != nil {
		e := *res.e
		res.e = &e
	}
	if res.actual != nil {
		a := *res.actual
		res.actual = &a
	}
	return res.e, res.actual, res.missing, res.msgs
}

// context returns the goldmark context for the next Parse.
func (sc *scratch) context() parser.Context {
	if sc.pc == nil || sc.pcKeys != parser.ContextKeyMax {
		sc.pc, sc.pcKeys = parser.NewContext(), parser.ContextKeyMax
	}
	return sc.pc
}

// resetContext readies the context after a Parse as parser.NewContext
// makes one: every value it stores cleared (the table extension's list of
// escaped pipes, the list parser's thematic-break cache, the link
// parser's state), the block offset and indent unset, no open blocks. A
// context holding link reference definitions or delimiters, which the
// Context interface cannot clear, is dropped instead. (Its heading IDs
// are used only with goldmark's auto heading IDs, which plan does not
// turn on.)
func (sc *scratch) resetContext() {
	pc := sc.pc
	if pc == nil {
		return
	}
	if len(pc.References()) > 0 || pc.FirstDelimiter() != nil || pc.LastDelimiter() != nil {
		sc.pc = nil
		return
	}
	for k := parser.ContextKey(0); k <= sc.pcKeys; k++ {
		pc.Set(k, nil)
	}
	pc.SetBlockOffset(-1)
	pc.SetBlockIndent(-1)
	open := pc.OpenedBlocks()
	clear(open[:cap(open)]) // no node of this document stays reachable
	pc.SetOpenedBlocks(open[:0])
}

// line returns the 1-based line holding byte offset off. Offsets outside the
// source are clamped to its first or last line.
func (li lineIndex) line(off int) int {
	if off < 0 {
		return 1
	}
	n := sort.Search(len(li.starts), func(i int) bool { return li.starts[i] > off })
	if n < 1 {
		return 1
	}
	return li.num(n)
}

// num is the document's number of line n of the source goldmark read.
func (li lineIndex) num(n int) int {
	if li.nums == nil {
		return n
	}
	return li.nums[n-1]
}

// count is the number of lines of the document (a final newline does not
// start a new one unless text follows it).
func (li lineIndex) count() int { return li.total }

func (d *document) warn(line int, code, format string, args ...any) {
	d.problems = append(d.problems, Problem{Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...), File: d.file, Line: d.clampLine(line)})
}

func (d *document) clampLine(line int) int {
	if line < 1 {
		return 1
	}
	if n := d.lines.count(); line > n {
		return n
	}
	return line
}

// nodeLine is the line where a block node starts.
func (d *document) nodeLine(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return d.lines.line(p)
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return d.lines.line(l.At(0).Start)
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return d.lines.line(p)
		}
	}
	return 1
}

// normalize returns src without a UTF-8 byte-order mark, with CRLF and lone
// CR line endings turned into LF (so every line number stays the same) and
// with mis-encoded text repaired.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		out := make([]byte, 0, len(src))
		for i := 0; i < len(src); i++ {
			c := src[i]
			if c == '\r' {
				if i+1 < len(src) && src[i+1] == '\n' {
					continue
				}
				c = '\n'
			}
			out = append(out, c)
		}
		src = out
	}
	return repairEncoding(src)
}

// Parse parses one document in isolation: no other file is consulted, so
// every ID-shaped token in a dependency row becomes a reference and links
// to other files are not followed (Load does both). It returns nil when the
// document is not a packet. The problems are sorted by line, code and
// message; each names file and a line of the document.
func Parse(file string, src []byte) (*Packet, []Problem) {
	p, rows, probs := parseDocument(file, src)
	if p == nil {
		return nil, nil
	}
	probs = append(probs, resolve(p, rows, nil)...)
	sortProblems(probs)
	return p, probs
}

// parseDocument reads a packet and its dependency rows, without resolving
// the rows.
func parseDocument(file string, src []byte) (p *Packet, rows []depRow, probs []Problem) {
	p, rows, probs, _, _ = readDocument(file, src)
	namePacket(p, probs)
	return p, rows, probs
}

// readDocument is parseDocument. It hands goldmark only the title, header
// and Dependencies sections that skim finds, and the whole document when
// skim is not sure; whole reports which it did. The results are the same
// either way. template reports a document that is not a packet because
// its title is a template's ("# [PACKET-ID]: [Feature Name]").
func readDocument(file string, src []byte) (p *Packet, rows []depRow, probs []Problem, whole, template bool) {
	p, rows, probs, whole, template, _ = readDocumentWith(file, src, nil)
	return p, rows, probs, whole, template
}

// readDocumentWith is readDocument with the folder's plan.yaml (nil for
// none); why says why a document that is not a packet is not one.
func readDocumentWith(file string, src []byte, cfg *Config) (p *Packet, rows []depRow, probs []Problem, whole, template bool, why string) {
	sc := scratchPool.Get().(*scratch)
	defer putScratch(sc)
	return readDocumentIn(sc, file, src, cfg)
}

// readDocumentIn is readDocumentWith using the buffers of sc.
func readDocumentIn(sc *scratch, file string, src []byte, cfg *Config) (p *Packet, rows []depRow, probs []Problem, whole, template bool, why string) {
	d, body := newDocumentIn(sc, file, src, cfg)
	fronted := d.front != nil && d.front.id != nil
	parts, lines, ok, fewMarks := skimMarksInto(sc.parts, body, fronted)
	sc.parts = parts[:0]
	if !ok {
		d.src, d.lines = body, d.sc.lineIndex(body)
		p, rows, probs = d.parse()
		return p, rows, probs, true, d.template, d.why
	}
	if len(parts) == 0 && !fronted {
		return nil, nil, nil, false, false, noTitle
	}
	d.src, d.lines = d.sc.join(body, parts, lines)
	d.fewMarks = fewMarks
	p, rows, probs = d.parse()
	return p, rows, probs, false, d.template, d.why
}

// noTitle says why a document without a title is not a packet.
const noTitle = "no level-1 or level-2 heading and no front matter id: a packet's title is '# ID: Title' (or id: in front matter)"

// newDocument normalises src and reads its front matter; body is the
// normalised source with the front matter's lines blanked.
func newDocument(file string, src []byte, cfg *Config) (*document, []byte) {
	return newDocumentIn(new(scratch), file, src, cfg)
}

// newDocumentIn is newDocument reading into the buffers of sc.
func newDocumentIn(sc *scratch, file string, src []byte, cfg *Config) (*document, []byte) {
	d := &sc.doc
	*d = document{file: file, cfg: cfg, sc: sc, rows: sc.rows[:0]}
	sc.rows = nil
	body, fm, ok := splitFrontMatter(normalize(src))
	if ok {
		d.front = d.readFrontMatter(fm)
	}
	return d, body
}

// parseWhole reads a packet and its dependency rows from the whole
// document: the reference that parseDocument must agree with. template
// is as for readDocument.
func parseWhole(file string, src []byte) (p *Packet, rows []depRow, probs []Problem, template bool) {
	p, rows, probs, template, _ = parseWholeWith(file, src, nil)
	return p, rows, probs, template
}

// parseWholeWith is parseWhole with the folder's plan.yaml (nil for none);
// why is as for readDocumentWith.
func parseWholeWith(file string, src []byte, cfg *Config) (p *Packet, rows []depRow, probs []Problem, template bool, why string) {
	sc := scratchPool.Get().(*scratch)
	defer putScratch(sc)
	return parseWholeIn(sc, file, src, cfg)
}

// parseWholeIn is parseWholeWith using the buffers of sc.
func parseWholeIn(sc *scratch, file string, src []byte, cfg *Config) (p *Packet, rows []depRow, probs []Problem, template bool, why string) {
	d, body := newDocumentIn(sc, file, src, cfg)
	d.src, d.lines = body, d.sc.lineIndex(body)
	p, rows, probs = d.parse()
	return p, rows, probs, d.template, d.why
}

// joinParts lays the parts of src end to end and indexes their lines with
// their numbers in src, which has lines lines.
func joinParts(src []byte, parts []span, lines int) ([]byte, lineIndex) {
	return appendParts(nil, lineIndex{}, src, parts, lines)
}

// join is joinParts into the scratch's buffers.
func (sc *scratch) join(src []byte, parts []span, lines int) ([]byte, lineIndex) {
	buf, li := appendParts(sc.joined, lineIndex{starts: sc.starts, nums: sc.nums}, src, parts, lines)
	sc.joined, sc.starts, sc.nums = buf, li.starts, li.nums
	return buf, li
}

// lineIndex is newLineIndex into the scratch's buffer.
func (sc *scratch) lineIndex(src []byte) lineIndex {
	li := appendLineIndex(sc.starts, src)
	sc.starts = li.starts
	return li
}

// appendParts is joinParts, laying the parts into buf[:0] and their lines
// into li's slices, emptied.
func appendParts(buf []byte, li lineIndex, src []byte, parts []span, lines int) ([]byte, lineIndex) {
	size := 0
	for _, p := range parts {
		size += p.to - p.from
	}
	buf = slices.Grow(buf[:0], size)
	li = lineIndex{starts: li.starts[:0], nums: li.nums[:0], total: lines}
	for _, p := range parts {
		n := p.line + 1
		li.starts = append(li.starts, len(buf))
		li.nums = append(li.nums, n)
		for i, c := range src[p.from:p.to] {
			if c == '\n' {
				n++
				li.starts = append(li.starts, len(buf)+i+1)
				li.nums = append(li.nums, min(n, lines))
			}
		}
		buf = append(buf, src[p.from:p.to]...)
	}
	// Each part but the last ends with a newline, so the next part's first
	// line was added twice: once as the line after the newline, once as the
	// part's first line. Keep the part's own number.
	k := 0
	for i := range li.starts {
		if k > 0 && li.starts[k-1] == li.starts[i] {
			li.nums[k-1] = li.nums[i]
			continue
		}
		li.starts[k], li.nums[k] = li.starts[i], li.nums[i]
		k++
	}
	li.starts, li.nums = li.starts[:k], li.nums[:k]
	return buf, li
}

// parse runs goldmark over d.src and reads the packet from its blocks.
func (d *document) parse() (p *Packet, rows []depRow, probs []Problem) {
	defer func() {
		// goldmark never fails on any input; this is a last line of defence
		// so that no input can crash the planner.
		if r := recover(); r != nil {
			d.sc.pc = nil // a Parse that panicked may leave any state
			p, rows = nil, nil
			probs = []Problem{{Severity: Warning, Code: CodeParse, Message: fmt.Sprintf("cannot read this file as markdown: %v", r), File: d.file, Line: 1}}
		}
	}()
	d.limitNesting()
	if !d.fewMarks {
		d.limitMarks()
	}
	md := markdown()
	if d.inlineAll {
		md = markdownInline()
	}
	root := md.Parse(text.NewReader(d.src), parser.WithContext(d.sc.context()))
	d.sc.resetContext()
	p = d.packet(root)
	if p == nil {
		return nil, nil, nil
	}
	if len(d.rows) == 0 {
		d.rows = nil // room made for rows that none filled
	}
	return p, d.rows, d.problems
}

// packet reads the title, header fields and Dependencies sections from the
// top-level blocks of root. The title is front matter's id, else the first
// level-1 heading, else (in a document with no level-1 heading) the first
// level-2 heading.
func (d *document) packet(root ast.Node) *Packet {
	var p *Packet
	var h header
	// body reads the dependency lines outside the header and the
	// Dependencies sections ("Depends on: LIN-104" under "## Related
	// Tasks").
	body := header{depsOnly: true, names: bodyDepNames}
	inHeader := false
	var sec *depSection
	titleLevel, tableRows := 2, 0
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if hd, ok := n.(*ast.Heading); ok && hd.Level == 1 {
			titleLevel = 1
		}
		if n.Kind() == east.KindTable {
			tableRows += n.ChildCount() - 1
		}
	}
	// Most rows come from the top-level tables: d.rows grows once, not
	// row by row (by at most maxRowsAhead rows: a long table outside the
	// Dependencies sections gives none).
	d.rows = slices.Grow(d.rows, min(tableRows, maxRowsAhead))
	if fm := d.front; fm != nil {
		h.priority, h.status, h.effort = fm.priority, fm.status, fm.effort
		d.rows = append(d.rows, fm.rows...)
		if d.explain != nil {
			d.explain.Fields = append(d.explain.Fields, fm.fields...)
		}
		if fm.id != nil {
			p = d.frontTitle(fm)
			if p == nil {
				return nil
			}
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		hd, isHeading := n.(*ast.Heading)
		if p == nil {
			if isHeading && hd.Level == titleLevel {
				p = d.title(hd)
				if p == nil {
					return nil
				}
				inHeader = true
			}
			continue
		}
		if isHeading {
			// A list takes an empty dependency line's value only right
			// after it, never across a heading.
			h.openDep, body.openDep = nil, nil
			if sec != nil {
				sec.label = nil
			}
			if hd.Level <= 2 {
				inHeader = false
			}
			if sec != nil && hd.Level <= sec.level {
				sec = nil
			}
			if sec == nil {
				if isDependenciesWords(d.inlineWords(hd)) {
					sec = &depSection{level: hd.Level}
				}
				continue
			}
			sec.subheading(hd.Level, d.inlineWords(hd))
			continue
		}
		if inHeader {
			d.headerBlock(n, &h)
		}
		if sec != nil {
			d.sectionBlock(n, sec)
		}
		if !inHeader && sec == nil {
			d.headerBlock(n, &body)
		}
	}
	if p == nil {
		if d.why == "" {
			d.why = noTitle
		}
		return nil
	}
	d.finishHeader(&h, p)
	return p
}

// maxRowsAhead is the most rows packet makes room for before reading any.
const maxRowsAhead = 64

// titleSeparators may stand between the ID and the text of a title.
var titleSeparators = []string{":", "—", "–", "·", "|"}

// splitTitle reads "<ID><separator><Title>" from a title's text. why says,
// when it is not a title, what it lacks.
func splitTitle(t string) (id, title, why string) {
	start, end := nextIDMatch(t, 0) // idPattern.FindStringIndex(t)
	if start != 0 || !hasLetter(t[:end]) {
		first := strings.TrimRight(firstWord(t), ":—–·|")
		if u := strings.ToUpper(first); u != first && IsID(u) {
			return "", "", fmt.Sprintf("the ID %q is not in capitals (IDs are groups of capital letters and digits joined by '-', such as WP-001)", first)
		}
		return "", "", "it does not start with an ID (groups of capital letters and digits joined by '-', ending in digits, such as WP-001 or WP-005A)"
	}
	id, rest := t[:end], t[end:]
	if rest != "" && isWordByte(rest[0]) {
		return "", "", fmt.Sprintf("the ID %q runs on into %q (an ID ends in digits and at most one letter)", id, firstWord(t))
	}
	r := strings.TrimLeft(rest, " \t")
	for _, sep := range titleSeparators {
		if strings.HasPrefix(r, sep) {
			return id, strings.TrimSpace(r[len(sep):]), ""
		}
	}
	if strings.HasPrefix(r, "- ") && len(r) < len(rest) {
		return id, strings.TrimSpace(r[1:]), ""
	}
	return "", "", fmt.Sprintf("nothing separates the ID %s from the title (use ':', '—', '–', ' - ', '·' or '|')", id)
}

// title reads a packet's title from its title heading, or returns nil.
func (d *document) title(hd *ast.Heading) *Packet {
	t := strings.TrimSpace(d.inlineText(hd))
	id, rest, why := splitTitle(t)
	if why != "" {
		pre, _, ok := strings.Cut(t, ":")
		pre = strings.TrimSpace(pre)
		d.template = ok && len(pre) > 2 && strings.HasPrefix(pre, "[") && strings.HasSuffix(pre, "]")
		if d.template {
			why = "it is a packet template's title (a placeholder in brackets where the ID goes)"
		}
		d.why = fmt.Sprintf("line %d: the title heading %q is not a packet title: %s", d.nodeLine(hd), t, why)
		if d.explain != nil {
			d.explain.heading, d.explain.headingLine = t, d.nodeLine(hd)
		}
		return nil
	}
	return &Packet{
		ID:       id,
		Title:    rest,
		File:     d.file,
		Line:     d.nodeLine(hd),
		Priority: NoPriority,
	}
}

// frontTitle makes the packet of front matter with an id: IDs written
// there compare without regard to case ("task-12").
func (d *document) frontTitle(fm *frontMatter) *Packet {
	id := strings.TrimSpace(fm.id.value)
	if !IsID(strings.ToUpper(id)) {
		d.why = fmt.Sprintf("line %d: front matter id %q is not an ID (groups of letters and digits joined by '-', ending in digits, such as task-12)", fm.id.line, id)
		return nil
	}
	p := &Packet{ID: id, File: d.file, Line: fm.id.line, Priority: NoPriority, CaseInsensitiveID: true}
	if fm.title != nil {
		p.Title = strings.TrimSpace(fm.title.value)
	}
	return p
}

// header collects the header fields as they are found; the first line of
// each field counts.
type header struct {
	priority, status, effort, actual *fieldAt
	// size is a Size or Story Points line: the estimate when there is no
	// effort line.
	size *fieldAt
	// openDep is the kind of a dependency line whose value was empty and
	// ended its paragraph: a list right after it holds the value.
	openDep *depField
	// depsOnly reads only dependency lines, and of them only those
	// named in names when it is not nil: outside the header (names is
	// bodyDepNames) and in paragraphs of a Dependencies section.
	depsOnly bool
	names    map[string]bool
}

type fieldAt struct {
	value string
	line  int
}

// headerBlock reads the "Field: value" lines of a block of the header. A
// dependency value wraps onto the lines after it that are no field line;
// an empty one takes the items of a list right after it.
func (d *document) headerBlock(n ast.Node, h *header) {
	open := h.openDep
	h.openDep = nil
	if open != nil && n.Kind() == ast.KindList {
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			first := li.FirstChild()
			if first == nil || (first.Kind() != ast.KindTextBlock && first.Kind() != ast.KindParagraph) || first.Lines().Len() == 0 {
				continue
			}
			lines := first.Lines()
			seg := lines.At(0)
			kind, value := subLabel(string(seg.Value(d.src)), *open)
			row := headerDeps(kind, value, d.lines.line(seg.Start))
			row.bullet = true
			for i := 1; i < lines.Len(); i++ {
				seg := lines.At(i)
				row.extend(string(seg.Value(d.src)))
			}
			d.rows = append(d.rows, row)
		}
		return
	}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			lines := c.Lines()
			dep := -1 // index in d.rows of the dependency line being read
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				line := strings.TrimRight(string(seg.Value(d.src)), "\n")
				if dep >= 0 && !isFieldLine(line) {
					d.rows[dep].extend(line)
					continue
				}
				dep = -1
				if d.headerLine(line, d.lines.line(seg.Start), h) {
					dep = len(d.rows) - 1
					if i == lines.Len()-1 && d.rows[dep].name == "" && c == n {
						k := depField{required: d.rows[dep].required, reverse: d.rows[dep].reverse}
						h.openDep = &k
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// headerLine reads one header line; it reports whether the line was a
// dependency line (which the lines after it may continue).
func (d *document) headerLine(line string, n int, h *header) bool {
	kind, name, value, ok := splitField(line)
	var buf [48]byte // name is ASCII: lowered here, it makes no string
	if !ok || h.depsOnly && (kind != fieldDependencies || h.names != nil && !h.names[string(appendLowerASCII(buf[:0], name))]) {
		return false
	}
	if d.explain != nil {
		d.explain.Fields = append(d.explain.Fields, Field{Name: name, Means: kind.means(), Line: n, Text: strings.TrimSpace(line)})
	}
	set := func(f **fieldAt) {
		if *f == nil {
			*f = &fieldAt{value: value, line: n}
		}
	}
	switch kind {
	case fieldPriority:
		set(&h.priority)
	case fieldStatus:
		set(&h.status)
	case fieldEffort:
		set(&h.effort)
	case fieldActual:
		set(&h.actual)
	case fieldSize:
		set(&h.size)
	case fieldDependencies:
		d.rows = append(d.rows, headerDeps(depFieldKind(name), value, n))
		return true
	}
	return false
}

// finishHeader turns the collected header fields into the packet's
// Priority, Status, Progress, Effort and Actual, reporting what is missing
// or unreadable.
func (d *document) finishHeader(h *header, p *Packet) {
	if h.priority == nil {
		d.warn(p.Line, CodeMissingPriority, "%s has no Priority; it is planned after every prioritised packet", p.ID)
	} else {
		pr, missing, msg := parsePriority(h.priority.value)
		switch {
		case msg != "":
			d.warn(h.priority.line, CodeParse, "%s; the packet is planned without a priority", msg)
		case missing:
			d.warn(h.priority.line, CodeMissingPriority, "%s has no Priority (%q); it is planned after every prioritised packet", p.ID, plainValue(h.priority.value))
		}
		p.Priority = pr
	}
	if h.status == nil {
		d.warn(p.Line, CodeMissingStatus, "%s has no Status; it is taken as not started", p.ID)
	} else {
		r, missing, msg := d.sc.readStatus(h.status.value, d.cfg)
		switch {
		case msg != "":
			d.warn(h.status.line, CodeParse, "%s", msg)
			p.setStatusUnread(true)
		case missing:
			d.warn(h.status.line, CodeMissingStatus, "%s has no Status (%q); it is taken as not started", p.ID, plainValue(h.status.value))
		}
		p.Status, p.Progress, p.StatusBlocked = r.status, r.progress, r.blocked
		p.setStatusLine(h.status.line)
	}
	sizeField := false
	if h.effort == nil && h.size != nil {
		h.effort, sizeField = h.size, true
	}
	if h.effort == nil {
		d.warn(p.Line, CodeMissingEffort, "%s has no Estimated Effort; it counts as 0 days", p.ID)
	} else {
		e, actual, missing, msgs := d.sc.readEstimate(h.effort.value, d.cfg, sizeField)
		if missing {
			d.warn(h.effort.line, CodeMissingEffort, "%s has no Estimated Effort (%q); it counts as 0 days", p.ID, plainValue(h.effort.value))
		}
		for i, m := range msgs {
			if _, ok := sizeOfMsg(m); ok {
				d.warn(h.effort.line, CodeMissingEffort, "%s", m)
				continue
			}
			if i == 0 && e == nil {
				m += "; the packet is planned without an estimate"
			}
			d.warn(h.effort.line, CodeParse, "%s", m)
		}
		p.Effort, p.Actual = e, actual
	}
	if h.actual != nil {
		a, msg := parseActual(h.actual.value)
		if msg != "" {
			d.warn(h.actual.line, CodeParse, "actual effort: %s", msg)
		} else if a != nil {
			p.Actual = a
		}
	}
}

// sortProblems sorts problems by file, line, code and message.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Severity > b.Severity
	})
}
