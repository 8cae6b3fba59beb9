package parser

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// This file computes what `plan sync` writes: a packet file whose stale
// status cells say the referenced packets' current status, with every other
// byte as it was. The parser finds the rows; the rewrite only has to find
// one cell of a known line, which it does the way GitHub tables (and
// goldmark) split a row: on pipes not preceded by a backslash.

// StatusSyncer rewrites stale status cells of packet files against the
// packets of one Set: the referenced packets' own statuses are the truth.
type StatusSyncer struct {
	ix *index
	// indexed are the index claims that gave packets their statuses
	// (Set.indexed).
	indexed map[string]indexClaim
	// unknown says why the status of a packet is no truth to write:
	// its Status line is missing or unreadable, or two files share its
	// ID. Rows naming it are left alone.
	unknown map[string]string
	// indexes are the index files whose task-list boxes Sync flips when
	// the packets are the truth (nil when an index is).
	indexes map[string]bool
}

// NewStatusSyncer returns a StatusSyncer for the packets of set.
func NewStatusSyncer(set *Set) *StatusSyncer {
	s := &StatusSyncer{ix: newIndex(set.Packets), indexed: set.indexed, unknown: map[string]string{}}
	s.ix.cfg = set.cfg
	if !set.indexTruth {
		s.indexes = map[string]bool{}
		for _, f := range set.Indexes {
			s.indexes[f] = true
		}
	}
	for _, p := range set.Packets {
		// Load keeps one warning per unknown status word per folder, so
		// the packets say themselves that their status was not read.
		if p.statusUnread() {
			s.unknown[p.ID] = fmt.Sprintf("the status of %s cannot be read, so it is not known", p.ID)
		}
	}
	for _, p := range set.Problems {
		if p.Packet == "" || s.unknown[p.Packet] != "" {
			continue
		}
		switch {
		case p.Code == CodeDuplicateID:
			s.unknown[p.Packet] = fmt.Sprintf("%s is a duplicate ID (two files say they are %s), so its status is not known", p.Packet, p.Packet)
		case p.Code == CodeMissingStatus:
			s.unknown[p.Packet] = fmt.Sprintf("%s has no Status, so its status is not known", p.Packet)
		case isStatusProblem(p):
			s.unknown[p.Packet] = fmt.Sprintf("the status of %s cannot be read, so it is not known", p.Packet)
		}
	}
	return s
}

// isStatusProblem reports whether p says a packet's Status line could not
// be read: parseStatus's messages, and only they, start with "status ".
func isStatusProblem(p Problem) bool {
	return p.Code == CodeParse && strings.HasPrefix(p.Message, "status ")
}

// CellChange is one status cell that Sync rewrote.
type CellChange struct {
	// Line is the 1-based line of the table row.
	Line int
	// Refs are the packets the row names whose status the cell
	// contradicted.
	Refs []string
	// Old is the cell as plain text before the change ("❌ BLOCKED").
	Old string
	// New is the cell's new text, in the template's words ("✅ Complete").
	New string
}

// CellSkip is a stale status cell that Sync left alone, and why.
type CellSkip struct {
	// Line is the 1-based line of the table row.
	Line int
	// Refs are the packets the row names whose status the cell contradicts.
	Refs []string
	// Reason says why the cell was not changed, in a form that completes
	// "left alone: ".
	Reason string
}

// SyncResult is what Sync computed for one file.
type SyncResult struct {
	// Src is the new content of the file; it is the src given to Sync
	// itself when nothing changed.
	Src []byte
	// Changes are the rewritten cells, by line.
	Changes []CellChange
	// Skipped are the stale cells left alone, by line.
	Skipped []CellSkip
}

// StatusWords is how Sync writes a packet's status in a dependency table:
// the template's words (Status.Words), with the percentage of an
// in-progress packet that states one ("🏗️ 50% Complete").
func StatusWords(p *Packet) string {
	if p.Status == InProgress && p.Progress != nil {
		return fmt.Sprintf("🏗️ %d%% Complete", *p.Progress)
	}
	return p.Status.Words()
}

// Sync returns src (the content of file, a packet of the Set or a newer
// version of it) with every stale status cell (the rows Load reports as
// stale-status) rewritten to the referenced packet's status in
// StatusWords. Only the text of each such cell changes, between the
// whitespace around it; line endings, a byte-order mark, the other cells
// and every other byte stay as they were.
//
// A change is kept only if the file, parsed again, reads exactly as
// intended: the same packet and rows, the changed cell saying the new
// words and no longer stale. In a mis-encoded file (UTF-8 once read as
// Windows-1252) the new words are written in the same mis-encoding when
// that reads back as intended. A cell that cannot be changed safely is
// reported in Skipped and left alone, as is a row naming several packets
// whose statuses no single cell can match, and a row naming a packet
// whose status is not known (no Status line, one that cannot be read, or
// an ID two files share): its status is no truth to write.
// A Status cell holding a link, an HTML comment or tag or a footnote
// reference is left alone too: rewriting its text would drop them.
func (s *StatusSyncer) Sync(file string, src []byte) SyncResult {
	if s.indexes[file] {
		return s.syncIndex(file, src)
	}
	res := SyncResult{Src: src}
	want, rows, probs := parseDocument(file, src)
	if want == nil {
		return res
	}
	resolve(want, rows, s.ix)
	refs := refsByLine(want)
	misTables := misencodedTables(src)
	cur := src
	curRows := rows
	for _, row := range rows {
		named := refs[row.line]
		var stale []string
		for _, id := range named {
			if s.ix.staleStatus(id, row.status, s.ix.byID[id]) != "" {
				stale = append(stale, id)
			}
		}
		if len(stale) == 0 {
			continue
		}
		skip := func(format string, args ...any) {
			res.Skipped = append(res.Skipped, CellSkip{Line: row.line, Refs: stale, Reason: fmt.Sprintf(format, args...)})
		}
		if why := s.unknownAmong(named); why != "" {
			skip("%s; fix that packet first", why)
			continue
		}
		if what := markupIn(cur, row.line, row.statusCol); what != "" {
			skip("its Status cell holds %s, which rewriting the cell would drop; fix it by hand", what)
			continue
		}
		words := StatusWords(s.ix.byID[stale[0]])
		if conflict := disagreeing(named, words, s.ix); conflict != "" {
			skip("the row names several packets whose statuses differ (%s); split the row or fix it by hand", conflict)
			continue
		}
		next, misencoded, ok := replaceCell(cur, row.line, row.statusCol, words, misTables[row.line])
		if !ok {
			skip("its Status cell could not be found in the line as written")
			continue
		}
		nextRows, ok := s.readsBack(file, next, want, curRows, probs, row.line, words)
		if !ok {
			if misencoded {
				skip("the text is mis-encoded and %q, written the same way, would not read back as intended", words)
			} else {
				skip("the file would not read back as intended with %q in the Status cell", words)
			}
			continue
		}
		cur, curRows = next, nextRows
		written := words
		if misencoded {
			written = misencodeText(words)
		}
		res.Changes = append(res.Changes, CellChange{Line: row.line, Refs: stale, Old: row.status, New: written})
	}
	res.Src = cur
	s.syncStatusLine(file, res.Src, &res)
	return res
}

// markupIn says what a Status cell (column col of line) holds besides
// words and emphasis that a rewrite of the cell would lose: a link, an
// HTML comment or tag, a footnote reference. It returns "" for a plain
// cell or one that cannot be found (replaceCell then says so).
func markupIn(src []byte, line, col int) string {
	start, end, ok := lineSpan(src, line)
	if !ok || col < 0 {
		return ""
	}
	cs, ce, ok := CellSpan(src[start:end], col)
	if !ok {
		return ""
	}
	cell := src[start+cs : start+ce]
	switch {
	case bytes.Contains(cell, []byte("<!--")):
		return "an HTML comment"
	case bytes.Contains(cell, []byte("[^")):
		return "a footnote reference"
	case bytes.Contains(cell, []byte("](")) || bytes.Contains(cell, []byte("][")) || bytes.Contains(cell, []byte("<http")):
		return "a link"
	}
	for i := 0; i+1 < len(cell); i++ {
		if c := cell[i+1]; cell[i] == '<' && (c == '/' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return "an HTML tag"
		}
	}
	return ""
}

// unknownAmong says why the status of one of ids is not known, or
// returns "".
func (s *StatusSyncer) unknownAmong(ids []string) string {
	for _, id := range ids {
		if why := s.unknown[id]; why != "" {
			return why
		}
	}
	return ""
}

// refsByLine groups the IDs a packet's rows name by the rows' lines.
func refsByLine(p *Packet) map[int][]string {
	m := map[int][]string{}
	for _, list := range [][]Ref{p.Requires, p.Optional} {
		for _, r := range list {
			m[r.Line] = append(m[r.Line], r.ID)
		}
	}
	return m
}

// disagreeing says which packets of a row a cell saying words would still
// contradict, or returns "".
func disagreeing(ids []string, words string, ix *index) string {
	var parts []string
	bad := false
	for _, id := range ids {
		t := ix.byID[id]
		parts = append(parts, fmt.Sprintf("%s is %s", id, StatusWords(t)))
		if ix.staleStatus(id, words, t) != "" {
			bad = true
		}
	}
	if !bad {
		return ""
	}
	return strings.Join(parts, ", ")
}

// readsBack parses src again and reports whether it reads as the packet
// want with the rows before, except that the row at line now has words in
// its Status cell, which contradicts none of the packets it names. It
// returns the rows read.
func (s *StatusSyncer) readsBack(file string, src []byte, want *Packet, before []depRow, probs []Problem, line int, words string) ([]depRow, bool) {
	got, rows, gotProbs := parseDocument(file, src)
	if got == nil || len(rows) != len(before) || !reflect.DeepEqual(probs, gotProbs) {
		return nil, false
	}
	for i := range rows {
		expect := before[i]
		if expect.line == line {
			if rows[i].status != words {
				return nil, false
			}
			expect.status = words
		}
		if !reflect.DeepEqual(expect, rows[i]) {
			return nil, false
		}
	}
	resolve(got, rows, s.ix)
	for _, id := range refsByLine(got)[line] {
		if s.ix.staleStatus(id, words, s.ix.byID[id]) != "" {
			return nil, false
		}
	}
	// The packet itself (title, header fields) must not change.
	a, b := *want, *got
	a.Requires, a.Optional, a.Externals = nil, nil, nil
	b.Requires, b.Optional, b.Externals = nil, nil, nil
	if !reflect.DeepEqual(a, b) {
		return nil, false
	}
	return rows, true
}

// misencodedTables returns the lines of src (1-based, counted as lineSpan
// counts them) that belong to a table holding mis-encoded text: runs of
// consecutive lines with a "|". A clean table keeps clean words even when
// a word elsewhere in the file is mis-encoded.
func misencodedTables(src []byte) map[int]bool {
	if !mayBeMisencoded(src) {
		return nil
	}
	var runs [][2]int // line ranges of the runs, and their byte ranges below
	var spans [][2]int
	inRun := false
	// Walk the lines once (lineSpan from the start for each would be
	// quadratic).
	i := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	for line := 1; ; line++ {
		j := i
		for j < len(src) && src[j] != '\n' && src[j] != '\r' {
			j++
		}
		if bytes.IndexByte(src[i:j], '|') >= 0 {
			if !inRun {
				runs = append(runs, [2]int{line, line})
				spans = append(spans, [2]int{i, j})
				inRun = true
			}
			runs[len(runs)-1][1] = line
			spans[len(spans)-1][1] = j
		} else {
			inRun = false
		}
		if j == len(src) {
			break
		}
		if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
			j++
		}
		i = j + 1
	}
	mis := map[int]bool{}
	for k, r := range runs {
		if isMisencoded(src[spans[k][0]:spans[k][1]]) {
			for n := r[0]; n <= r[1]; n++ {
				mis[n] = true
			}
		}
	}
	return mis
}

// replaceCell returns src with the text of cell col (0-based) of line
// (1-based) replaced by words, written mis-encoded when the old cell text
// is (or, for a cell of plain ASCII, when its table is). It reports
// whether it wrote the mis-encoded form and whether the cell was found.
func replaceCell(src []byte, line, col int, words string, tableMis bool) (out []byte, misencoded, ok bool) {
	if col < 0 {
		return nil, false, false
	}
	start, end, ok := lineSpan(src, line)
	if !ok {
		return nil, false, false
	}
	cs, ce, ok := CellSpan(src[start:end], col)
	if !ok {
		return nil, false, false
	}
	cs, ce = start+cs, start+ce
	old := src[cs:ce]
	misencoded = tableMis
	if !isASCII(old) {
		misencoded = isMisencoded(old)
	}
	text := words
	if misencoded {
		text = misencodeText(words)
	}
	out = make([]byte, 0, len(src)-len(old)+len(text))
	out = append(out, src[:cs]...)
	out = append(out, text...)
	out = append(out, src[ce:]...)
	// The new text must stay one cell: no pipe or line break of its own.
	if !sameOtherCells(src[start:end], out[start:end-len(old)+len(text)], col) {
		return nil, false, false
	}
	return out, misencoded, true
}

// lineSpan returns the byte range of line n (1-based) of src without its
// line ending, counting lines as the parser does: LF, CRLF and a lone CR
// each end a line, and a leading byte-order mark is not part of line 1.
func lineSpan(src []byte, n int) (start, end int, ok bool) {
	if n < 1 {
		return 0, 0, false
	}
	i := 0
	if bytes.HasPrefix(src, []byte("\xEF\xBB\xBF")) {
		i = 3
	}
	for line := 1; ; line++ {
		j := i
		for j < len(src) && src[j] != '\n' && src[j] != '\r' {
			j++
		}
		if line == n {
			return i, j, true
		}
		if j == len(src) {
			return 0, 0, false
		}
		if src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n' {
			j++
		}
		i = j + 1
	}
}

// CellSpan returns the byte range of the text of cell col (0-based) in a
// markdown table row line (without its line ending), without the
// whitespace around it; for an empty cell the range is empty and sits
// where the text would go.
//
// Cells are split as GitHub tables and goldmark split them: leading
// indentation, blockquote markers and whitespace and the outer pipes are not part of any
// cell, and every pipe not preceded by a backslash ends a cell, even inside
// a code span. ok is false when the row has fewer cells.
func CellSpan(line []byte, col int) (start, end int, ok bool) {
	spans := cellSpans(line)
	if col < 0 || col >= len(spans) {
		return 0, 0, false
	}
	return spans[col][0], spans[col][1], true
}

// cellSpans returns the ranges of the text of every cell of a table row
// line, as CellSpan describes them.
func cellSpans(line []byte) [][2]int {
	pos, limit := 0, len(line)
	// Blockquote markers: indentation, ">", an optional space. The
	// indentation may be deeper than three spaces: a block quote inside a
	// list item ("    > | a | b |") is indented past the item's marker.
	// Only lines the parser read as table rows get here, so an indented
	// code block never does.
	for {
		p := pos
		for p < limit && (line[p] == ' ' || line[p] == '\t') {
			p++
		}
		if p >= limit || line[p] != '>' {
			break
		}
		pos = p + 1
		if pos < limit && (line[pos] == ' ' || line[pos] == '\t') {
			pos++
		}
	}
	for pos < limit && isSpaceByte(line[pos]) {
		pos++
	}
	for limit > pos && isSpaceByte(line[limit-1]) {
		limit--
	}
	if pos < limit && line[pos] == '|' {
		pos++
	}
	if limit > pos && line[limit-1] == '|' {
		limit--
	}
	var spans [][2]int
	for pos < limit {
		closure := pos
		for closure < limit && !(line[closure] == '|' && (closure == 0 || line[closure-1] != '\\')) {
			closure++
		}
		s, e := pos, closure
		for s < e && isSpaceByte(line[s]) {
			s++
		}
		for e > s && isSpaceByte(line[e-1]) {
			e--
		}
		spans = append(spans, [2]int{s, e})
		pos = closure + 1
	}
	return spans
}

// sameOtherCells reports whether two versions of a row line have the same
// number of cells and the same bytes outside cell col.
func sameOtherCells(old, new []byte, col int) bool {
	a, b := cellSpans(old), cellSpans(new)
	if len(a) != len(b) || col >= len(a) {
		return false
	}
	return bytes.Equal(old[:a[col][0]], new[:b[col][0]]) && bytes.Equal(old[a[col][1]:], new[b[col][1]:])
}

// isSpaceByte is goldmark's notion of space within a line.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f'
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isMisencoded reports whether b holds text the parser reads as
// mis-encoded (and repairs).
func isMisencoded(b []byte) bool {
	return mayBeMisencoded(b) && !bytes.Equal(repairEncoding(b), b)
}

// misencodeText returns s as it reads after its UTF-8 bytes were taken for
// Windows-1252 and saved as UTF-8 again ("✅" becomes "âœ…"); the bytes
// Windows-1252 has no character for are dropped, as such editors drop them
// ("🏗️" becomes "ðŸ—ï¸").
func misencodeText(s string) string {
	var b strings.Builder
	dec := charmap.Windows1252
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			b.WriteByte(c)
			continue
		}
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			continue
		}
		b.WriteRune(dec.DecodeByte(c))
	}
	return b.String()
}
