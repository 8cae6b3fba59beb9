package parser

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// This file reads index files: a file that is no packet but lists packets
// as a task list ("- [x] WP-001 Board model") says of each whether it is
// done, as a status cell does. By default the packets' own Status lines
// are the truth and a contradicting item is a stale-status warning at the
// item's line; with plan.yaml's status_source: index the items are the
// truth and a contradicting Status line is the stale one.

// StatusSourceIndex is the value of plan.yaml's status_source that makes
// index files' task lists, not the packets' Status lines, the truth.
const StatusSourceIndex = "index"

// indexClaim is one task-list item of an index file that starts with a
// packet ID: a claim that the packet is done ([x]) or not ([ ]).
type indexClaim struct {
	file string
	line int
	id   string
	done bool
}

// taskItemLine finds a line that may be a task-list item starting with
// an ID-like word: the cheap test before an index file is parsed.
var taskItemLine = regexp.MustCompile(`(?m)^[ \t>]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\[[ xX]\][ \t]+[\[*_` + "`" + `]*[A-Za-z]`)

// taskMarkdown is goldmark with GFM task lists (and tables, as packets
// are read), for index files only: packets are read without task lists,
// so an item's "[x]" stays in its text there.
var taskMarkdown = sync.OnceValue(func() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.TaskList)).Parser()
})

// readIndexClaims returns the task-list items of a document that is no
// packet whose text starts with a packet ID, in file order. src is the
// file's bytes as read.
func readIndexClaims(file string, src []byte) (claims []indexClaim) {
	if !bytes.Contains(src, []byte("[")) || !taskItemLine.Match(normalize(src)) {
		return nil
	}
	defer func() {
		// As in parse: no input may crash the planner.
		if recover() != nil {
			claims = nil
		}
	}()
	d, body := newDocument(file, src, nil)
	d.src, d.lines = body, newLineIndex(body)
	d.limitNesting()
	d.limitMarks()
	root := taskMarkdown().Parse(text.NewReader(d.src))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindListItem:
			if c, ok := d.taskClaim(n); ok {
				claims = append(claims, c)
			}
		}
		return ast.WalkContinue, nil
	})
	return claims
}

// taskClaim reads a list item "[x] WP-001 ..." as a claim.
func (d *document) taskClaim(li ast.Node) (indexClaim, bool) {
	first := li.FirstChild()
	if first == nil || (first.Kind() != ast.KindTextBlock && first.Kind() != ast.KindParagraph) {
		return indexClaim{}, false
	}
	box, ok := first.FirstChild().(*east.TaskCheckBox)
	if !ok {
		return indexClaim{}, false
	}
	t := strings.TrimSpace(d.readCell(first).text)
	loc := idPattern.FindStringIndex(t)
	if loc == nil || loc[0] != 0 || !hasLetter(t[:loc[1]]) || loc[1] < len(t) && isWordByte(t[loc[1]]) {
		return indexClaim{}, false
	}
	return indexClaim{file: d.file, line: d.nodeLine(first), id: t[:loc[1]], done: box.IsChecked}, true
}

// claimWords says what an item claims: "[x]" (done) or "[ ]" (not done).
func claimWords(done bool) string {
	if done {
		return "[x]"
	}
	return "[ ]"
}

// contradicts reports whether a claim contradicts a packet's status, as
// a stale status cell would: done for a packet that is not complete (a
// cancelled packet is done with), not done for a complete one.
func (c indexClaim) contradicts(p *Packet) bool {
	if c.done {
		return p.Status != Complete && p.Status != Cancelled
	}
	return p.Status == Complete
}

// applyIndex checks the claims of the index files against the packets of
// ix. By default a contradicting claim is a stale-status warning at its
// line. With status_source: index (cfg) the first claim about a packet is
// its status (done is complete; not done is not started for a packet
// that says complete, and leaves any other status alone), and a Status
// line that contradicts it is the stale-status warning. Claims naming no
// packet read are not references and say nothing.
func applyIndex(claims []indexClaim, ix *index, cfg *Config, indexed map[string]indexClaim) []Problem {
	var probs []Problem
	truth := cfg != nil && cfg.StatusSource == StatusSourceIndex
	seen := map[*Packet]bool{}
	for _, c := range claims {
		p := ix.lookup(c.id)
		if p == nil || truth && seen[p] {
			continue
		}
		seen[p] = true
		if !c.contradicts(p) {
			continue
		}
		if !truth {
			probs = append(probs, Problem{Severity: Warning, Code: CodeStaleStatus, File: c.file, Line: c.line, Ref: p.ID,
				Message: fmt.Sprintf("the index says %s is %s (%q), but %s's own status is %s", p.ID, doneWords(c.done), claimWords(c.done), p.ID, p.Status.Words())})
			continue
		}
		line := p.statusLine()
		if line == 0 {
			line = p.Line
		}
		probs = append(probs, Problem{Severity: Warning, Code: CodeStaleStatus, File: p.File, Line: line, Packet: p.ID, Ref: p.ID,
			Message: fmt.Sprintf("%s's Status says %s, but the index %s:%d says it is %s (%q), and status_source: index makes the index the truth", p.ID, p.Status.Words(), c.file, c.line, doneWords(c.done), claimWords(c.done))})
		indexed[p.ID] = c
		if c.done {
			p.Status = Complete
		} else {
			p.Status = NotStarted
		}
		p.Progress, p.StatusBlocked = nil, false
	}
	return probs
}

func doneWords(done bool) string {
	if done {
		return "done"
	}
	return "not done"
}

// indexClaims gathers the claims of the index files read, by file and
// line, and applies them (applyIndex) before the rows are resolved, so
// that with status_source: index the rows see the index's statuses.
func (set *Set) indexClaims(results []result, ix *index, cfg *Config) {
	for i := range results {
		if cs := results[i].claims(); len(cs) > 0 && results[i].err() == nil {
			set.claims = append(set.claims, cs...)
			set.Indexes = append(set.Indexes, cs[0].file)
		}
	}
	if len(set.claims) == 0 {
		return
	}
	slices.Sort(set.Indexes)
	slices.SortStableFunc(set.claims, func(a, b indexClaim) int {
		if a.file != b.file {
			return strings.Compare(a.file, b.file)
		}
		return a.line - b.line
	})
	set.indexTruth = cfg != nil && cfg.StatusSource == StatusSourceIndex
	set.indexed = map[string]indexClaim{}
	set.Problems = append(set.Problems, applyIndex(set.claims, ix, cfg, set.indexed)...)
}

// syncIndex is Sync for an index file when the packets are the truth: each
// task-list item that contradicts its packet's status has its box flipped
// ("[ ]" to "[x]" or back), and no other byte changes. A change is kept
// only if the file, read again, is still no packet and has the same items
// with the flipped boxes, and an item naming a packet whose status is not
// known is left alone.
func (s *StatusSyncer) syncIndex(file string, src []byte) SyncResult {
	res := SyncResult{Src: src}
	if p, _, _ := parseDocument(file, src); p != nil {
		return res
	}
	claims := readIndexClaims(file, src)
	cur := src
	for i, c := range claims {
		p := s.ix.lookup(c.id)
		if p == nil || !c.contradicts(p) {
			continue
		}
		skip := func(format string, args ...any) {
			res.Skipped = append(res.Skipped, CellSkip{Line: c.line, Refs: []string{p.ID}, Reason: fmt.Sprintf(format, args...)})
		}
		if why := s.unknown[p.ID]; why != "" {
			skip("%s; fix that packet first", why)
			continue
		}
		next, old, ok := flipBox(cur, c.line, c.done)
		if !ok {
			skip("its box could not be found in the line as written")
			continue
		}
		want := slices.Clone(claims)
		want[i].done = !c.done
		if p, _, _ := parseDocument(file, next); p != nil || !slices.Equal(readIndexClaims(file, next), want) {
			skip("the file would not read back as intended with %s", claimWords(!c.done))
			continue
		}
		claims, cur = want, next
		res.Changes = append(res.Changes, CellChange{Line: c.line, Refs: []string{p.ID}, Old: old, New: claimWords(!c.done)})
	}
	res.Src = cur
	return res
}

// flipBox returns src with the first task-list box of line (1-based)
// flipped: "[ ]" becomes "[x]" when done is false, "[x]" or "[X]" becomes
// "[ ]" when it is true. old is the box as it was written.
func flipBox(src []byte, line int, done bool) (out []byte, old string, ok bool) {
	start, end, ok := lineSpan(src, line)
	if !ok {
		return nil, "", false
	}
	l := src[start:end]
	i := bytes.IndexByte(l, '[')
	if i < 0 || i+2 >= len(l) || l[i+2] != ']' {
		return nil, "", false
	}
	c := l[i+1]
	if done != (c == 'x' || c == 'X') || !done && c != ' ' {
		return nil, "", false
	}
	out = slices.Clone(src)
	if done {
		out[start+i+1] = ' '
	} else {
		out[start+i+1] = 'x'
	}
	return out, string(l[i : i+3]), true
}

// syncStatusLine is the last step of Sync for a packet file when an index
// is the truth (status_source: index): a Status line that contradicts the
// index's item is rewritten to "✅ Complete" or "🚧 Not Started", between
// the emphasis and spaces around the old value; no other byte changes. The
// change is kept only if the file, read again, has that status and is
// otherwise read as before.
func (s *StatusSyncer) syncStatusLine(file string, src []byte, res *SyncResult) {
	own, rows, probs := parseDocument(file, src)
	if own == nil {
		return
	}
	p := s.ix.byID[own.ID]
	if p == nil || p.File != file {
		return
	}
	c, ok := s.indexed[p.ID]
	if !ok || !c.contradicts(own) {
		return
	}
	line := own.statusLine()
	if line == 0 {
		line = own.Line // where the stale-status warning is
	}
	skip := func(format string, args ...any) {
		res.Skipped = append(res.Skipped, CellSkip{Line: line, Refs: []string{own.ID}, Reason: fmt.Sprintf(format, args...)})
	}
	if own.statusLine() == 0 {
		skip("it has no Status line to rewrite; add one")
		slices.SortStableFunc(res.Skipped, func(a, b CellSkip) int { return a.Line - b.Line })
		return
	}
	words, want := NotStarted.Words(), NotStarted
	if c.done {
		words, want = Complete.Words(), Complete
	}
	next, old, ok := replaceStatusValue(src, own.statusLine(), words)
	if !ok {
		skip("its Status value could not be found in the line as written")
		return
	}
	got, gotRows, gotProbs := parseDocument(file, next)
	if got == nil || got.Status != want || !reflect.DeepEqual(rows, gotRows) || !sameApartFrom(probs, gotProbs, own.statusLine()) {
		skip("the file would not read back as intended with %q in its Status line", words)
		return
	}
	a, b := *own, *got
	for _, q := range []*Packet{&a, &b} {
		q.Status, q.Progress, q.StatusBlocked = 0, nil, false
		q.setStatusUnread(false)
		q.Requires, q.Optional, q.Externals, q.Blocks, q.Missing = nil, nil, nil, nil, nil
	}
	if !reflect.DeepEqual(a, b) {
		skip("the file would not read back as intended with %q in its Status line", words)
		return
	}
	res.Src = next
	res.Changes = append(res.Changes, CellChange{Line: own.statusLine(), Refs: []string{own.ID}, Old: old, New: words})
	slices.SortStableFunc(res.Changes, func(a, b CellChange) int { return a.Line - b.Line })
}

// sameApartFrom reports whether two lists of problems are the same but
// for those at line (what a rewritten Status line said of itself).
func sameApartFrom(a, b []Problem, line int) bool {
	keep := func(ps []Problem) []Problem {
		var out []Problem
		for _, p := range ps {
			if p.Line != line {
				out = append(out, p)
			}
		}
		return out
	}
	return reflect.DeepEqual(keep(a), keep(b)) && len(b) == len(keep(b))
}

// replaceStatusValue returns src with the value of the "Status: value"
// line (1-based) replaced by words, keeping a block-quote or list marker,
// the field name and the emphasis and spaces around the value; old is
// the value as written.
func replaceStatusValue(src []byte, line int, words string) (out []byte, old string, ok bool) {
	start, end, ok := lineSpan(src, line)
	if !ok {
		return nil, "", false
	}
	l := src[start:end]
	pos := 0
	for pos < len(l) && (l[pos] == '>' || l[pos] == ' ' || l[pos] == '\t') {
		pos++
	}
	m := fieldLine.FindSubmatchIndex(l[pos:])
	if m == nil || !strings.EqualFold(strings.Join(strings.Fields(string(l[pos+m[2]:pos+m[3]])), " "), "status") {
		return nil, "", false
	}
	vs, ve := pos+m[4], pos+m[5]
	trim := func() {
		for vs < ve && (l[vs] == ' ' || l[vs] == '\t') {
			vs++
		}
		for ve > vs && (l[ve-1] == ' ' || l[ve-1] == '\t') {
			ve--
		}
	}
	trim()
	// "**Status: Done**": the emphasis opened before the name closes
	// after the value.
	opener, sep := string(l[pos:pos+m[2]]), string(l[pos+m[3]:pos+m[4]])
	for _, mark := range []string{"**", "__"} {
		if strings.Contains(opener, mark) && !strings.Contains(sep, mark) && bytes.HasSuffix(l[vs:ve], []byte(mark)) {
			ve -= len(mark)
			trim()
		}
	}
	// Emphasis or code around the whole value stays ("**Done**").
	for ve-vs > 2 && strings.IndexByte("*_`", l[vs]) >= 0 && l[ve-1] == l[vs] {
		vs, ve = vs+1, ve-1
	}
	if vs == ve {
		return nil, "", false
	}
	out = make([]byte, 0, len(src)+len(words))
	out = append(out, src[:start+vs]...)
	out = append(out, words...)
	out = append(out, src[start+ve:]...)
	return out, string(l[vs:ve]), true
}
