package parser

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// depRow is one dependency-table row (or "**Dependencies**:" header line)
// as written, before it is resolved against the other packets.
type depRow struct {
	line     int
	required bool
	header   bool // from a header line: never an external
	// reverse marks a "**Blocks**:" line (or front matter's blocks:):
	// the packets it names require this one, not the other way round.
	reverse bool
	// bullet marks a list item (under a Dependencies heading or a header
	// dependency line with an empty value) rather than a table row.
	bullet bool
	name   string // the dependency cell as plain text
	status string // the status cell as plain text
	// statusCol is the 0-based index of the Status column in the row's
	// cells, or -1 when the table has none (plan sync rewrites that cell).
	statusCol int
	items     []depItem
	descIDs   []string // ID-shaped tokens of the description cell
}

// depItem is a part of the dependency cell: the text of one markdown link
// (with its destination) or the text outside links.
type depItem struct {
	link string
	ids  []string
}

// tableKind says what the tables under a heading of the Dependencies
// section hold.
type tableKind int

const (
	kindNone     tableKind = iota // no dependency rows
	kindRequired                  // required rows
	kindOptional                  // optional rows
	kindInherit                   // same as the enclosing heading
)

// depSection tracks the sub-headings of one Dependencies section.
type depSection struct {
	level int
	stack []subheading
	// label is what a paragraph that ends in an empty field line
	// ("**Blocks**:", "**Related**:") says the list right after it holds.
	label *listLabel
}

// listLabel is what an empty field line in a Dependencies section says
// about the list after it: rows of kind, or (none) no dependencies.
type listLabel struct {
	kind depField
	none bool
}

// bodyDepNames are the dependency lines read outside the header and the
// Dependencies sections, lower-cased: those that can only mean an edge.
// ("Dependencies: Go 1.22" or "Requires: UTF-8 input" in prose are not
// read there.)
var bodyDepNames = map[string]bool{
	"depends on": true, "depends": true, "blocked by": true,
	"blocks": true, "blocking": true,
	"hard-deps": true, "hard deps": true, "soft-deps": true, "soft deps": true,
}

// notDepLabels are the field lines that say the list after them names no
// dependencies ("**Related**:" in a Dependencies section).
var notDepLabels = map[string]bool{"related": true, "related tasks": true, "related to": true, "parent": true, "part of": true, "see also": true}

type subheading struct {
	level int
	kind  tableKind
}

// subheading records a heading inside the section, given as its
// headingWords.
func (s *depSection) subheading(level int, words []string) {
	for len(s.stack) > 0 && s.stack[len(s.stack)-1].level >= level {
		s.stack = s.stack[:len(s.stack)-1]
	}
	k := classifyWords(words)
	if k == kindInherit {
		k = s.kind()
	}
	s.stack = append(s.stack, subheading{level: level, kind: k})
}

// kind is what a table at the current point of the section holds: a table
// directly under the Dependencies heading is required.
func (s *depSection) kind() tableKind {
	if len(s.stack) == 0 {
		return kindRequired
	}
	return s.stack[len(s.stack)-1].kind
}

// headingWords turns a heading into lower-case words, without numbering,
// emoji and punctuation: "## 6. Dependencies & Prerequisites" gives
// ["dependencies", "prerequisites"].
func headingWords(s string) []string {
	if len(s) > maxCellClassText {
		return readHeadingWords(s)
	}
	if w, ok := headingWordsCache.Load(s); ok {
		return w.([]string)
	}
	f := slices.Clip(readHeadingWords(s)) // shared: an append must copy
	if headingWordsCached.Add(1) <= maxCellClassCache {
		headingWordsCache.Store(strings.Clone(s), f)
	}
	return f
}

// headingWordsCache remembers headingWords of the first texts, as
// cellClassCache does: the headings and table header cells of a folder
// repeat a few texts ("Dependency", "Status", "### Required (Blocking)").
// Callers only read the words.
var (
	headingWordsCache  sync.Map // string -> []string
	headingWordsCached atomic.Int64
)

// readHeadingWords is headingWords, without the cache.
func readHeadingWords(s string) []string {
	f := asciiWords(s)
	if f == nil {
		f = strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	for len(f) > 0 && isNumbering(f[0]) {
		f = f[1:]
	}
	return f
}

// asciiWords is strings.FieldsFunc(strings.ToLower(s), not a letter or
// digit) for ASCII s, where the letters and digits are [A-Za-z0-9]; nil
// when s is not ASCII or has no word. headingWords runs on every heading
// and table header cell goldmark reads, so this spares it decoding runes.
func asciiWords(s string) []string {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return nil
		}
		w := isAlnum(c)
		if w && !in {
			n++
		}
		in = w
	}
	if n == 0 {
		return nil
	}
	lower := strings.ToLower(s)
	f := make([]string, 0, n)
	start := -1
	for i := 0; i <= len(lower); i++ {
		if i < len(lower) && isAlnum(lower[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f = append(f, lower[start:i])
			start = -1
		}
	}
	return f
}

// isNumbering reports whether w is a section number ("6", "6.1" split into
// words, "a", "iv").
func isNumbering(w string) bool {
	if strings.Trim(w, "0123456789") == "" {
		return true
	}
	return len(w) == 1 || w == "ii" || w == "iii" || w == "iv" || w == "vi" || w == "vii" || w == "viii" || w == "ix"
}

// isDependenciesHeading reports whether a heading starts the Dependencies
// section: "Dependencies", "6. Dependencies", "Dependencies &
// Prerequisites", a lone "Dependency". "Upstream Dependencies", "Package
// Dependencies" and "Dependency Graph" do not.
func isDependenciesHeading(title string) bool {
	return isDependenciesWords(headingWords(title))
}

// isDependenciesWords is isDependenciesHeading of a heading's
// headingWords.
func isDependenciesWords(w []string) bool {
	return len(w) > 0 && w[0] == "dependencies" || len(w) == 1 && w[0] == "dependency"
}

// depWords are the words that do not change what a sub-heading means.
var depWords = map[string]bool{"dependencies": true, "dependency": true, "deps": true, "packets": true, "packet": true, "work": true, "prerequisites": true, "prerequisite": true}

// classifyHeading says what the tables under a sub-heading of the
// Dependencies section hold.
func classifyHeading(title string) tableKind {
	return classifyWords(headingWords(title))
}

// classifyWords is classifyHeading of a heading's headingWords.
func classifyWords(words []string) tableKind {
	var buf [64]byte
	kept := buf[:0] // the words that are not depWords, joined by spaces
	for _, w := range words {
		if !depWords[w] {
			if len(kept) > 0 {
				kept = append(kept, ' ')
			}
			kept = append(kept, w...)
		}
	}
	if len(kept) == 0 {
		return kindInherit
	}
	if k, ok := headingKinds[string(kept)]; ok {
		return k
	}
	return kindNone
}

// headingKinds are the sub-headings that say what their tables hold, as
// their words that are not depWords.
var headingKinds = map[string]tableKind{
	"required": kindRequired, "blocking": kindRequired, "required blocking": kindRequired, "blocking required": kindRequired,
	"hard": kindRequired, "required hard": kindRequired, "must have": kindRequired,
	"optional": kindOptional, "nice to have": kindOptional, "optional nice to have": kindOptional, "non blocking": kindOptional,
	"nonblocking": kindOptional, "optional non blocking": kindOptional, "soft": kindOptional, "optional soft": kindOptional,
	"soft optional": kindOptional, "nice to have optional": kindOptional,
}

// sectionBlock reads the tables and lists of a top-level block inside a
// Dependencies section, and its paragraphs' dependency lines. Only
// goldmark's table nodes count: text in code blocks and HTML comments is
// never a table. A paragraph ending in an empty field line labels the
// list right after it: "**Blocks**:" makes its items reverse rows,
// "**Related**:" no rows.
func (d *document) sectionBlock(n ast.Node, sec *depSection) {
	label := sec.label
	sec.label = nil
	if n.Kind() == ast.KindParagraph {
		d.sectionParagraph(n, sec)
		return
	}
	k := sec.kind()
	if label != nil && n.Kind() == ast.KindList {
		if label.none {
			return
		}
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			d.listItem(li, label.kind)
		}
		return
	}
	if k == kindNone {
		return
	}
	d.sectionRows(n, k)
}

// sectionParagraph reads the dependency lines of a paragraph in a
// Dependencies section as header lines and notes the label its last line
// may be.
func (d *document) sectionParagraph(n ast.Node, sec *depSection) {
	h := header{depsOnly: true}
	d.headerBlock(n, &h)
	if h.openDep != nil {
		sec.label = &listLabel{kind: *h.openDep}
		return
	}
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	seg := lines.At(lines.Len() - 1)
	if m := matchField(strings.TrimRight(string(seg.Value(d.src)), "\n")); m != nil && strings.TrimSpace(plainValue(m[2])) == "" {
		if notDepLabels[strings.ToLower(strings.Join(strings.Fields(m[1]), " "))] {
			sec.label = &listLabel{none: true}
		}
	}
}

// sectionRows reads the tables and list items of a block inside a
// Dependencies section whose sub-heading says they hold rows of kind k.
func (d *document) sectionRows(n ast.Node, k tableKind) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case east.KindTable:
			d.table(c, k == kindRequired)
			return ast.WalkSkipChildren, nil
		case ast.KindListItem:
			d.listItem(c, depField{required: k == kindRequired})
			// A table inside the item (in a block quote, say) is still
			// a dependency table.
			for b := c.FirstChild(); b != nil; b = b.NextSibling() {
				if b.Kind() != ast.KindList {
					d.sectionRows(b, k)
				}
			}
			return ast.WalkSkipChildren, nil
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindParagraph, ast.KindHeading:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// columns says which table column holds what; -1 for a missing column.
type columns struct {
	dep, status, desc int
}

var depColumnNames = map[string]bool{"dependency": true, "dependencies": true, "packet": true, "packets": true, "work packet": true, "item": true, "name": true, "id": true, "packet id": true}
var descColumnNames = map[string]bool{"description": true, "notes": true, "note": true, "details": true, "detail": true}

// findColumns says which column holds what from the header cells, each
// given as its headingWords.
func findColumns(words [][]string) columns {
	c := columns{dep: -1, status: -1, desc: -1}
	var buf [64]byte
	for i, w := range words {
		b := buf[:0] // the words joined by spaces
		for j, x := range w {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(b, x...)
		}
		switch {
		case c.dep < 0 && depColumnNames[string(b)]:
			c.dep = i
		case c.status < 0 && string(b) == "status":
			c.status = i
		case c.desc < 0 && descColumnNames[string(b)]:
			c.desc = i
		}
	}
	if c.dep < 0 {
		c.dep = 0
	}
	return c
}

// table reads the rows of one dependency table.
func (d *document) table(t ast.Node, required bool) {
	var cols columns
	// One row's cells and the header's words, in the scratch's buffers:
	// a row keeps only strings and items.
	cells, words := d.sc.cells, d.sc.words
	d.sc.cells, d.sc.words = nil, nil
	defer func() {
		clear(cells)
		clear(words)
		d.sc.cells, d.sc.words = cells[:0], words[:0]
	}()
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		cells = cells[:0]
		header := r.Kind() == east.KindTableHeader
		if header {
			words = words[:0]
			for c := r.FirstChild(); c != nil; c = c.NextSibling() {
				words = append(words, d.inlineWords(c))
			}
			cols = findColumns(words)
			continue
		}
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			// Only the dependency cell's references are read, and only
			// the text of the header row and of the status and
			// description cells: no other cell counts. A description
			// is read for its IDs: one with no "-" and digit has none
			// and needs no string.
			switch i := len(cells); {
			case i == cols.dep: // which may be the status column too
				cells = append(cells, d.readCell(c))
			case i == cols.status:
				cells = append(cells, cell{text: d.inlineText(c)})
			case i == cols.desc:
				if b := d.inlineBytes(c); hasDashDigit(b) {
					cells = append(cells, cell{text: string(b)})
				} else {
					cells = append(cells, cell{})
				}
			default:
				cells = append(cells, cell{})
			}
		}
		get := func(i int) cell {
			if i < 0 || i >= len(cells) {
				return cell{}
			}
			return cells[i]
		}
		dep := get(cols.dep)
		if dep.text == "" && len(dep.items) == 0 {
			continue
		}
		row := depRow{
			line:      d.nodeLine(r),
			required:  required,
			name:      dep.text,
			status:    get(cols.status).text,
			statusCol: cols.status,
			items:     dep.items,
		}
		if cols.desc >= 0 && cols.desc != cols.dep {
			row.descIDs = findIDs(get(cols.desc).text)
		}
		d.rows = append(d.rows, row)
	}
}

// cell is the content of a table cell or heading: its plain text (markdown
// emphasis, code marks and escapes removed) and its parts for resolution.
type cell struct {
	text  string
	items []depItem
}

// mdLink matches a markdown link in a header line: [text](destination).
var mdLink = regexp.MustCompile(`\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)`)

// struck matches struck-through text (~~ASK-0042~~): what it names is
// done with or withdrawn, never a reference.
var struck = regexp.MustCompile(`~~[^~\n]*~~`)

// rangeMark joins the ends of an ID range in the IDs a row names
// ("TKT-031..TKT-045"); no ID holds it.
const rangeMark = ".."

// idRange matches an ID range: "TKT-031 through TKT-045", "TKT-031 to
// TKT-045", "TKT-031..TKT-045", "TKT-031–TKT-045" (en dash).
var idRange = regexp.MustCompile(`\b(` + idPattern.String() + `)\s*(?:\s(?:through|thru|to)\s|\.\.|\x{2013})\s*(` + idPattern.String() + `)\b`)

// findRefs is findIDs, with each ID range ("TKT-031 through TKT-045")
// given as one "TKT-031..TKT-045" token in place of its ends. A range's
// ends have one prefix and the first number is not above the second.
func findRefs(s string) []string {
	ids := findIDs(s)
	if len(ids) < 2 {
		return ids
	}
	for _, m := range idRange.FindAllStringSubmatch(s, -1) {
		lo, hi := m[1], m[2]
		plo, a, ok1 := splitIDNumber(lo)
		phi, b, ok2 := splitIDNumber(hi)
		if !ok1 || !ok2 || plo != phi || a > b || !IsID(lo) || !IsID(hi) {
			continue
		}
		i, j := slices.Index(ids, lo), slices.Index(ids, hi)
		if i < 0 || j < 0 {
			continue
		}
		ids[i] = lo + rangeMark + hi
		ids = slices.Delete(ids, j, j+1)
	}
	return ids
}

// splitIDNumber splits an ID into what comes before its last group of
// digits and that number ("TKT-" and 31 for TKT-031; a letter suffix, as
// in WP-005A, is dropped). ok is false when there is no such number or it
// is too long to be one.
func splitIDNumber(id string) (prefix string, n int, ok bool) {
	end := len(id)
	for end > 0 && (id[end-1] >= 'A' && id[end-1] <= 'Z' || id[end-1] >= 'a' && id[end-1] <= 'z') {
		end--
	}
	start := end
	for start > 0 && id[start-1] >= '0' && id[start-1] <= '9' {
		start--
	}
	if start == end || end-start > 9 {
		return "", 0, false
	}
	for _, c := range id[start:end] {
		n = n*10 + int(c-'0')
	}
	return id[:start], n, true
}

// depField is what a header dependency line means.
type depField struct {
	required bool
	reverse  bool
}

// depFieldKind says what the header line named name (as written) means:
// Soft-deps and Optional lines are optional, Blocks and Blocking lines the
// reverse edge, every other dependency line required.
func depFieldKind(name string) depField {
	switch strings.ToLower(strings.Join(strings.Fields(name), " ")) {
	case "soft-deps", "soft deps", "optional":
		return depField{}
	case "blocks", "blocking":
		return depField{required: true, reverse: true}
	}
	return depField{required: true}
}

// startsWithNone reports whether a dependency value says there is none
// ("None", "None. Independent of WP-082", "none (can start
// immediately)"): the rest of it names no dependency.
func startsWithNone(value string) bool {
	return hasWordPrefix(strings.ToLower(strings.TrimLeft(plainValue(value), " -*")), "none")
}

// headerDeps reads a "**Dependencies**: A, B" header line (or a bullet
// under an empty one) of the given kind.
func headerDeps(kind depField, value string, line int) depRow {
	row := depRow{line: line, required: kind.required, reverse: kind.reverse, header: true, name: plainValue(value), statusCol: -1}
	if startsWithNone(value) {
		return row
	}
	value = struck.ReplaceAllString(value, " ")
	for _, m := range mdLink.FindAllStringSubmatchIndex(value, -1) {
		row.items = append(row.items, depItem{link: value[m[4]:m[5]], ids: findIDs(value[m[2]:m[3]])})
	}
	rest := mdLink.ReplaceAllString(value, " ")
	if ids := findRefs(rest); len(ids) > 0 {
		row.items = append(row.items, depItem{ids: ids})
	}
	return row
}

// extend adds a wrapped continuation line of a header dependency value to
// the row it continues.
func (row *depRow) extend(value string) {
	more := headerDeps(depField{required: row.required, reverse: row.reverse}, value, row.line)
	row.name = strings.TrimSpace(row.name + " " + more.name)
	if startsWithNone(row.name) {
		return
	}
	row.items = append(row.items, more.items...)
}

// subLabel splits a bullet under an empty header dependency line into its
// label and value: "**Hard:** WP-012" is required, "**Soft:** WP-014"
// optional; an item without such a label has the header line's kind.
func subLabel(item string, kind depField) (depField, string) {
	m := matchField(item)
	if m == nil {
		return kind, item
	}
	switch strings.ToLower(strings.TrimSpace(m[1])) {
	case "hard", "required", "must have":
		return depField{required: true, reverse: kind.reverse}, m[2]
	case "soft", "optional", "nice to have":
		return depField{reverse: kind.reverse}, m[2]
	}
	return kind, item
}

// labelledNone reports whether a list item is a label whose value says
// there is none ("Internal: None (uses existing dependencies)").
func labelledNone(item string) bool {
	m := matchField(item)
	return m != nil && startsWithNone(m[2])
}

// listItem reads a list item under a Dependencies heading like a table
// row whose dependency cell is the item's first line of text. An item
// that starts with None ("- None (can start immediately)") says there is
// no dependency: it is no row, not even an external one. The items of a
// Blocks list name packets or nothing: they are never externals.
func (d *document) listItem(li ast.Node, kind depField) {
	first := li.FirstChild()
	if first == nil || (first.Kind() != ast.KindTextBlock && first.Kind() != ast.KindParagraph) {
		return
	}
	c := d.readCell(first)
	if c.text == "" || startsWithNone(c.text) || labelledNone(c.text) {
		return
	}
	row := depRow{line: d.nodeLine(li), required: kind.required, reverse: kind.reverse, header: kind.reverse, bullet: true, name: c.text, statusCol: -1, items: c.items}
	d.rows = append(d.rows, row)
}

// Status cells of dependency rows. The phrases are looked for in this
// order; the first group with a match decides. Negations come first so
// that "Not Installed" is blocking although "Installed" is available.
var cellClasses = []struct {
	class   ExternalClass
	phrases []string
	emoji   []string
}{
	{Blocking, []string{"not installed", "not provisioned", "not started", "not available", "not ready", "not configured", "not implemented", "not done", "not complete", "not yet", "unavailable", "missing", "blocked", "blocking"}, nil},
	{AtRisk, []string{"partial", "partially", "pending", "in progress", "in-progress", "wip", "required", "at risk"}, nil},
	{Future, []string{"future", "parallel", "planned", "later"}, nil},
	{Available, []string{"available", "complete", "completed", "done", "ready", "exists", "installed", "configured", "implemented", "shipped"}, nil},
	{Blocking, nil, []string{emojiBlocked}},
	{AtRisk, nil, []string{emojiWarning, emojiInProgress}},
	{Future, nil, []string{emojiNotStarted}},
	{Available, nil, []string{emojiComplete}},
}

// classify is classifyCell with the status words of the folder's
// plan.yaml, which win as they do in a Status line (ix may be nil).
func (ix *index) classify(s string) ExternalClass {
	var cfg *Config
	if ix != nil {
		cfg = ix.cfg
	}
	return classifyWith(cfg, s)
}

// classifyWith is classify with the folder's plan.yaml, or nil for none.
func classifyWith(cfg *Config, s string) ExternalClass {
	if cfg != nil {
		word := StatusWord(strings.Trim(withoutParens(s), " .!*_`~:;,"+emojiNotStarted+emojiInProgress+emojiComplete+emojiBlocked+emojiWarning+"\ufe0f"))
		if st, ok := cfg.StatusOf(word); ok {
			return statusClass[st]
		}
	}
	return classifyCell(s)
}

// classifyCell says what a status cell means for an external dependency.
func classifyCell(s string) ExternalClass {
	if c, ok := cellClassCache.Load(s); ok {
		return c.(ExternalClass)
	}
	c := classifyCellText(s)
	if len(s) <= maxCellClassText && cellClassCached.Add(1) <= maxCellClassCache {
		cellClassCache.Store(strings.Clone(s), c)
	}
	return c
}

// cellClassCache remembers what classifyCellText said of a status cell's
// text, for the first maxCellClassCache texts of at most
// maxCellClassText bytes: a folder's status cells
// hold a few texts ("✅ Complete", "❌ Not Installed") thousands of times,
// and each reading looks for some forty phrases.
var (
	cellClassCache  sync.Map // string -> ExternalClass
	cellClassCached atomic.Int64
)

const (
	maxCellClassCache = 4096
	maxCellClassText  = 64
)

// classifyCellText is classifyCell, without the cache.
func classifyCellText(s string) ExternalClass {
	core := withoutParens(s)
	if strings.TrimSpace(core) == "" {
		core = s
	}
	l := strings.ToLower(core)
	if !phraseIn(l, cellClasses[0].phrases) {
		// "🏗️ 50% Complete" is in progress, as in a packet's Status line.
		// A percentage that is no number from 0 to 100 ("-5%", "NaN%")
		// says nothing plan can trust.
		if n, found, bad := readPercent(l); bad != "" {
			return Unknown
		} else if found {
			switch n {
			case 0:
				return Blocking
			case 100:
				return Available
			}
			return AtRisk
		}
	}
	// Words in any case with "_" or "-" for spaces (IN_REVIEW), the
	// cell's own words first ("Ready" is an available external, "Planned"
	// a future one), then a packet Status line's; words before emoji.
	w := StatusWord(core)
	for _, c := range cellClasses {
		if c.phrases == nil {
			break
		}
		if phraseIn(l, c.phrases) || phraseIn(w, c.phrases) {
			return c.class
		}
	}
	if st, ok := statusOfWords(w); ok {
		return statusClass[st]
	}
	for _, c := range cellClasses {
		for _, e := range c.emoji {
			if strings.Contains(core, e) {
				return c.class
			}
		}
	}
	return Unknown
}

// statusClass is what a packet status word means in a status cell: not
// started blocks, in progress is at risk, complete is available, and a
// cancelled dependency says nothing plan can use.
var statusClass = map[Status]ExternalClass{NotStarted: Blocking, InProgress: AtRisk, Complete: Available, Cancelled: Unknown}

// statusOfWords reads w (normalised by StatusWord) with the words of a
// packet's Status line (statusWords, then the phrases of statusPhrases
// and laterPhrases), without plan.yaml, percentages or emoji.
func statusOfWords(w string) (Status, bool) {
	if st, ok := statusWords[strings.Trim(w, " .!*_`~:;,")]; ok {
		return st, true
	}
	for _, p := range statusPhrases {
		if phraseIn(w, p.words) {
			return p.status, true
		}
	}
	for _, p := range laterPhrases {
		if phraseIn(w, p.words) {
			return p.status, true
		}
	}
	return NotStarted, false
}
