package parser

import (
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// index is what Load knows about the packets of a set, to resolve rows.
type index struct {
	byID map[string]*Packet
	// byPath maps the absolute, clean path of each packet file to its
	// ID; built on the first link resolved (pathOnce): a folder whose
	// rows have no link does not make it (100,000 entries, and a path
	// string each for a folder named by a relative path).
	byPath   map[string]string
	pathOnce sync.Once
	packets  []*Packet
	// folded holds the packets whose IDs compare case-insensitively
	// (Packet.CaseInsensitiveID), by upper-cased ID.
	folded map[string]*Packet
	// sorted are the IDs, sorted, for ranges and suffixed IDs; built on
	// first use, by one of the resolving workers (sortOnce).
	sorted   []string
	sortOnce sync.Once
	// cfg is the folder's plan.yaml (nil for none): its status words
	// are read in status cells too.
	cfg *Config
	// wd is the working directory, read once (see absFrom).
	wd string
}

func newIndex(packets []*Packet) *index {
	ix := &index{byID: make(map[string]*Packet, len(packets)), packets: packets, wd: workDir()}
	for _, p := range packets {
		ix.byID[p.ID] = p
		if p.CaseInsensitiveID {
			if ix.folded == nil {
				ix.folded = map[string]*Packet{}
			}
			if _, ok := ix.folded[strings.ToUpper(p.ID)]; !ok {
				ix.folded[strings.ToUpper(p.ID)] = p
			}
		}
	}
	return ix
}

// lookup returns the packet an ID names, or nil.
func (ix *index) lookup(id string) *Packet {
	if p := ix.byID[id]; p != nil {
		return p
	}
	if ix.folded != nil {
		return ix.folded[strings.ToUpper(id)]
	}
	return nil
}

func (ix *index) sortedIDs() []string {
	ix.sortOnce.Do(func() {
		ix.sorted = make([]string, 0, len(ix.byID))
		for id := range ix.byID {
			ix.sorted = append(ix.sorted, id)
		}
		slices.Sort(ix.sorted)
	})
	return ix.sorted
}

// suffixed returns the IDs read that are id with a letter suffix
// (WP-005A, WP-005B for WP-005), sorted.
func (ix *index) suffixed(id string) []string {
	ids := ix.sortedIDs()
	var out []string
	for i, _ := slices.BinarySearch(ids, id); i < len(ids) && strings.HasPrefix(ids[i], id); i++ {
		if rest := ids[i][len(id):]; rest != "" && strings.Trim(rest, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == "" {
			out = append(out, ids[i])
		}
	}
	return out
}

// inRange returns the IDs read from lo to hi (lo..hi, written "lo through
// hi"): those with lo's prefix whose last group of digits is from lo's to
// hi's, with any letter suffix, sorted by that number, then ID.
func (ix *index) inRange(lo, hi string) []string {
	prefix, a, _ := splitIDNumber(lo)
	_, b, _ := splitIDNumber(hi)
	type numbered struct {
		n  int
		id string
	}
	var found []numbered
	ids := ix.sortedIDs()
	for i, _ := slices.BinarySearch(ids, prefix); i < len(ids) && strings.HasPrefix(ids[i], prefix); i++ {
		pre, n, ok := splitIDNumber(ids[i])
		if ok && pre == prefix && n >= a && n <= b {
			found = append(found, numbered{n, ids[i]})
		}
	}
	slices.SortStableFunc(found, func(x, y numbered) int { return x.n - y.n })
	out := make([]string, len(found))
	for i, f := range found {
		out[i] = f.id
	}
	return out
}

func absPath(wd, file string) (string, bool) {
	if file == StdinName {
		return "", false
	}
	abs, err := absFrom(wd, file)
	if err != nil {
		return "", false
	}
	return abs, true
}

var urlScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// linkTarget returns the ID of the packet whose file a link in file from
// points to.
func (ix *index) linkTarget(from, dest string) (string, bool) {
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if dest == "" || urlScheme.MatchString(dest) || strings.HasPrefix(dest, "//") {
		return "", false
	}
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	dir, ok := absPath(ix.wd, from)
	if !ok {
		return "", false
	}
	target := filepath.Join(filepath.Dir(dir), filepath.FromSlash(dest))
	ix.pathOnce.Do(func() {
		ix.byPath = make(map[string]string, len(ix.packets))
		for _, p := range ix.packets {
			if abs, ok := absPath(ix.wd, p.File); ok {
				ix.byPath[abs] = p.ID
			}
		}
	})
	id, ok := ix.byPath[target]
	return id, ok
}

// namePacket sets Packet on the problems found while reading p's file.
func namePacket(p *Packet, probs []Problem) {
	if p == nil {
		return
	}
	for i := range probs {
		probs[i].Packet = p.ID
	}
}

// pendingRow is a dependency row as Load keeps it until every packet is
// read: the IDs it names already gathered and deduplicated, so that the
// table cells' parts can be dropped as soon as a file is read. Only a row
// with a link keeps its parts (links resolve against the packet files).
// At 100,000 packets there are several hundred thousand of these, all
// live at the end of reading, so the struct is kept to 40 bytes, and it
// holds no pointer: its texts are in the keeper that made it (see
// keptText).
type pendingRow struct {
	name keptText // the dependency cell as plain text
	// ids are the IDs the row names when no link of it resolves, separated
	// by spaces (IDs never hold one): those of its dependency cell, or,
	// for a table row naming none, those of its description cell. For a
	// row with a link (linked), they are only those of its description
	// cell, which count when neither its links nor its dependency cell's
	// text name a packet.
	ids keptText
	// status is the status cell as plain text: the index of the text in
	// the keeper's shared (status cells repeat).
	status uint32
	// linked is 1 + the index in the keeper's linked of where the parts
	// of the row's dependency cell are when it has a link (which resolves
	// only once every file is read); 0 otherwise. The row's own depRow is
	// not kept: it would keep its packet's whole table of rows alive
	// until every file is read.
	linked uint32
	// lineNo is the row's line (see pendingLine).
	lineNo uint32
	flags  uint8 // the flags below
}

const (
	pendingRequired = 1 << iota
	pendingHeader
	pendingReverse
	pendingBullet
	pendingDesc  // the ids are those of the description cell
	pendingPlain // the row names nothing: an external dependency, or nothing for a header line
)

// pendingLine is line as a pendingRow holds it: a line past the 4
// billionth (in a file of more than 4 GB) as the last it holds.
func pendingLine(line int) uint32 { return uint32(min(line, math.MaxUint32)) }

func (r *pendingRow) line() int      { return int(r.lineNo) }
func (r *pendingRow) required() bool { return r.flags&pendingRequired != 0 }
func (r *pendingRow) header() bool   { return r.flags&pendingHeader != 0 }
func (r *pendingRow) reverse() bool  { return r.flags&pendingReverse != 0 }

// via is how the row's references were found.
func (r *pendingRow) via() Via {
	switch {
	case r.linked != 0:
		return ViaLink
	case r.flags&pendingDesc != 0:
		return ViaDescription
	case r.reverse():
		return ViaBlocks
	case r.flags&pendingBullet != 0:
		return ViaBullet
	case r.header():
		return ViaHeader
	}
	return ViaTable
}

// compact turns rows into the pendingRows resolve reads, without the
// parts that only links need, their texts and lists kept by k (which must
// not be nil). The rows that name nothing (no link, no ID) become p's
// Externals when it is resolved; until then they are pending rows too
// (pendingPlain), which hold no pointer, not Externals, which hold two.
// (At 100,000 packets the pending rows of every packet are live at once;
// most rows are externals.)
func compact(p *Packet, rows []depRow, k *keeper) []pendingRow {
	p.Externals = nil
	if len(rows) == 0 {
		return nil
	}
	out := k.pendingList(len(rows))
	var scratch []string
	for i := range rows {
		row := &rows[i]
		pr := pendingRow{status: k.sharedIndex(row.status), lineNo: pendingLine(row.line)}
		for _, f := range []struct {
			set  bool
			flag uint8
		}{{row.required, pendingRequired}, {row.header, pendingHeader}, {row.reverse, pendingReverse}, {row.bullet, pendingBullet}} {
			if f.set {
				pr.flags |= f.flag
			}
		}
		switch {
		case plainRow(row):
			// External names repeat ("PostgreSQL"): shared.
			pr.name = k.sharedText(row.name)
			pr.flags |= pendingPlain
		case hasLink(row):
			pr.linked = k.linkParts(row)
			pr.name = k.keepText(row.name)
			if !row.header {
				pr.ids = k.keepJoined(row.descIDs)
			}
		default:
			scratch = rowIDs(row, scratch)
			if len(scratch) > 0 && !row.header && !hasItemIDs(row) {
				pr.flags |= pendingDesc
			}
			pr.name = k.keepText(row.name)
			pr.ids = k.idsText(pr.name, scratch) // not the cell text they were cut from
		}
		out = append(out, pr)
	}
	return out
}

// plainRow reports whether a row names nothing before the other files are
// read: it has no link, and no ID in its dependency cell or (for a table
// row) its description cell. Such a row is an external dependency, or
// nothing for a header line.
func plainRow(row *depRow) bool {
	if hasLink(row) || hasItemIDs(row) {
		return false
	}
	return row.header || len(row.descIDs) == 0
}

// hasLink reports whether a row's dependency cell holds a link.
func hasLink(row *depRow) bool {
	for _, it := range row.items {
		if it.link != "" {
			return true
		}
	}
	return false
}

// linkedItem is a part of the dependency cell of a row with a link, as
// resolving the row needs it: a link's destination or none, with the IDs
// of its text separated by spaces. Parts that have neither are left out:
// they name nothing. Its texts are in the keeper of the row (see
// keptText).
type linkedItem struct {
	link, ids keptText
}

// linkedSpan is where the items of a row with a link are in its keeper's
// linkedItems.
type linkedSpan struct{ from, n uint32 }

// linkParts keeps the parts of row's dependency cell that a link or an ID
// is in, each a text of its own (not the cell text it was cut from), and
// returns 1 + the index of the row's linkedSpan in k.
func (k *keeper) linkParts(row *depRow) uint32 {
	span := linkedSpan{from: uint32(len(k.linkedItems))}
	for _, it := range row.items {
		if it.link != "" || len(it.ids) > 0 {
			k.linkedItems = append(k.linkedItems, linkedItem{link: k.keepText(it.link), ids: k.keepJoined(it.ids)})
			span.n++
		}
	}
	k.linked = append(k.linked, span)
	return uint32(len(k.linked))
}

// linkIDs is what rowIDs is for a row with a link, once every file is
// read (with ix), joined by spaces: a link that resolves names its packet, other parts their IDs;
// when none names one, the description cell's IDs (a header line has
// none).
func (r *pendingRow) linkIDs(k *keeper, ix *index, file string) string {
	var ids []string
	var seen idSet
	add := func(list string) {
		for rest := list; rest != ""; {
			var id string
			id, rest, _ = strings.Cut(rest, " ")
			seen.add(&ids, id)
		}
	}
	span := k.linked[r.linked-1]
	for _, it := range k.linkedItems[span.from : span.from+span.n] {
		if link := k.string(it.link); link != "" && ix != nil {
			if id, ok := ix.linkTarget(file, link); ok {
				seen.add(&ids, id)
				continue
			}
		}
		add(k.string(it.ids))
	}
	if len(ids) == 0 {
		add(k.string(r.ids))
	}
	return strings.Join(ids, " ")
}

// hasItemIDs reports whether the dependency cell of a row names an ID.
func hasItemIDs(row *depRow) bool {
	for _, it := range row.items {
		if len(it.ids) > 0 {
			return true
		}
	}
	return false
}

// rowIDs returns the IDs a row without a link names, deduplicated, in
// order: those of its dependency cell's parts; for a table row that names
// none, those of its description. (A row with a link is resolved by
// linkIDs once every file is read.)
func rowIDs(row *depRow, ids []string) []string {
	ids = ids[:0]
	var seen idSet
	add := func(id string) { seen.add(&ids, id) }
	for _, it := range row.items {
		for _, id := range it.ids {
			add(id)
		}
	}
	if len(ids) == 0 && !row.header {
		for _, id := range row.descIDs {
			add(id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return slices.Clip(ids)
}

// resolve turns a packet's rows into Requires, Optional and Externals.
// Without an index (Parse), every ID-shaped token is a reference and links
// are not followed. With one (Load), links to packet files resolve to their
// packet, tokens that match no packet are dangling-ref warnings, and status
// cells are checked against the referenced packets' own status.
func resolve(p *Packet, rows []depRow, ix *index) []Problem {
	k := newKeeper()
	return resolvePending(p, compact(p, rows, k), k, ix)
}

// resolvePending is resolve for rows already compacted by compact with k,
// the keeper of their texts; it is called once for them.
func resolvePending(p *Packet, rows []pendingRow, k *keeper, ix *index) []Problem {
	p.Requires, p.Optional, p.Blocks, p.Missing = nil, nil, nil, nil
	var probs []Problem
	warn := func(line int, code, ref, format string, args ...any) {
		probs = append(probs, Problem{Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...), File: p.File, Line: line, Packet: p.ID, Ref: ref})
	}
	// The IDs of each row are found first, so that each list of
	// references is made once at its size (they are kept for the whole
	// run, at 100,000 packets side by side).
	var idsBuf [8]string
	named := idsBuf[:0]
	var nReq, nOpt, nBlocks, nPlain int
	for i := range rows {
		row := &rows[i]
		if row.flags&pendingPlain != 0 {
			nPlain++
		}
		ids := k.string(row.ids)
		if row.linked != 0 {
			ids = row.linkIDs(k, ix, p.File)
		}
		named = append(named, ids)
		n := 0
		if ids != "" {
			n = strings.Count(ids, " ") + 1
			if strings.Contains(ids, rangeMark) {
				n = 0 // a range names as many as there are: let the list grow
			}
		}
		switch {
		case row.reverse():
			nBlocks += n
		case row.required():
			nReq += n
		default:
			nOpt += n
		}
	}
	// (The rows that name nothing are counted with the header lines among
	// them, as Externals always was: its capacity, and whether it is nil,
	// stay as they were.)
	p.Externals = nil
	if nPlain > 0 {
		p.Externals = make([]External, 0, nPlain)
	}
	if nReq > 0 {
		p.Requires = make([]Ref, 0, nReq)
	}
	if nOpt > 0 {
		p.Optional = make([]Ref, 0, nOpt)
	}
	if nBlocks > 0 {
		p.Blocks = make([]Ref, 0, nBlocks)
	}
	for i := range rows {
		row := &rows[i]
		line := row.line()
		name, status := k.string(row.name), k.string(k.shared[row.status])
		dangling, stale := 0, 0
		var moreDangling, moreStale []string
		ids := named[i]
		if ids == "" {
			// A row that names nothing, or one with a link that names no
			// packet read, is an external dependency, in the order of the
			// rows (a header line is none).
			if !row.header() {
				p.Externals = append(p.Externals, External{Name: name, StatusText: status, Class: ix.classify(status), Required: row.required(), Line: line})
			}
			continue
		}
		via := row.via()
		var ranged []string // the IDs a range of this row gave, to add each once
		add := func(ref Ref) {
			switch {
			case row.reverse():
				p.Blocks = append(p.Blocks, ref)
			case row.required():
				p.Requires = append(p.Requires, ref)
			default:
				p.Optional = append(p.Optional, ref)
			}
		}
		for rest := ids; rest != ""; {
			var id string
			id, rest, _ = strings.Cut(rest, " ")
			if lo, hi, ok := strings.Cut(id, rangeMark); ok {
				var in []string
				if ix == nil {
					in = []string{lo, hi} // Parse reads one file: the ends
				} else if in = ix.inRange(lo, hi); len(in) == 0 {
					warn(line, CodeDanglingRef, lo, "no packet read is in the range %s to %s; this row makes no dependency (dependency %q)", lo, hi, excerpt(name))
				}
				for _, id := range in {
					if !contains(ranged, id) {
						ranged = append(ranged, id)
						add(Ref{ID: id, Line: line, StatusText: status, Via: ViaRange, Source: name})
					}
				}
				continue
			}
			if ix != nil {
				target := ix.lookup(id)
				if target == nil {
					missing := row.required() && !row.reverse()
					if dangling++; dangling > maxRepeats {
						moreDangling = append(moreDangling, id)
					} else {
						warn(line, CodeDanglingRef, id, "%s", ix.danglingMessage(p, id, name, missing))
					}
					if missing {
						p.Missing = append(p.Missing, Ref{ID: id, Line: line, StatusText: status, Via: via, Source: name})
					}
					continue
				}
				id = target.ID // as the packet spells it (task-12 for TASK-12)
				if target.Status == Cancelled && row.required() && !row.reverse() {
					warn(line, CodeRequiresCancelled, id, "%s requires %s, which is cancelled; this row makes no dependency", p.ID, id)
					continue
				}
				if msg := ix.staleStatus(id, status, target); msg != "" {
					if stale++; stale > maxRepeats {
						moreStale = append(moreStale, id)
					} else {
						warn(line, CodeStaleStatus, id, "%s", msg)
					}
				}
			}
			src := name
			if src == id {
				// A cell that is just the ID ("GEN-044654") shares the
				// packet's ID string: its own copy would be a second
				// string for each of most references.
				src = id
			}
			add(Ref{ID: id, Line: line, StatusText: status, Via: via, Source: src})
		}
		if len(moreDangling) > 0 {
			warn(line, CodeDanglingRef, moreDangling[0], "%d more IDs of this row are not the ID of any packet read (%s, ...); they make no dependency", len(moreDangling), moreDangling[0])
		}
		if len(moreStale) > 0 {
			warn(line, CodeStaleStatus, moreStale[0], "the status cell contradicts the own status of %d more packets of this row (%s, ...)", len(moreStale), moreStale[0])
		}
	}
	// A packet ID written in lower case is no ID: the row silently drops
	// a dependency unless someone says so.
	if ix != nil {
		for _, e := range p.Externals {
			if !hasDashDigit(e.Name) { // no ID without "-" and a digit: spare ToUpper
				continue
			}
			for _, id := range findIDs(strings.ToUpper(e.Name)) {
				if ix.byID[id] != nil {
					warn(e.Line, CodeIDCase, id, "%q is not an ID (IDs are upper case); write %s to depend on that packet (this row is read as an external dependency)", excerpt(e.Name), id)
				}
			}
		}
	}
	// A list whose rows named no packet read is nil, as it was before
	// it was made at its size.
	for _, refs := range []*[]Ref{&p.Requires, &p.Optional, &p.Blocks} {
		if len(*refs) == 0 {
			*refs = nil
		}
	}
	return probs
}

// danglingMessage says that id, named by a row of p, is no packet's ID:
// which packets it may have meant (WP-005A and WP-005B for WP-005), and
// whether p now waits on it.
func (ix *index) danglingMessage(p *Packet, id, name string, missing bool) string {
	msg := id + " is not the ID of any packet read"
	if similar := ix.suffixed(id); len(similar) > 0 {
		msg += " (packets read: " + strings.Join(similar, ", ") + ")"
	}
	if missing {
		return fmt.Sprintf("%s; %s waits on %s, which has no file (dependency %q)", msg, p.ID, id, excerpt(name))
	}
	return fmt.Sprintf("%s; this row makes no dependency (dependency %q)", msg, excerpt(name))
}

// addReverse adds each packet that a packet's Blocks name to the named
// packet's Requires, unless that packet already requires it (or is it).
// Load calls it once every packet is resolved.
func addReverse(packets []*Packet, ix *index) []Problem {
	var probs []Problem
	for _, p := range packets {
		for _, b := range p.Blocks {
			target := ix.lookup(b.ID)
			if target == nil || target == p || slices.ContainsFunc(target.Requires, func(r Ref) bool { return r.ID == p.ID }) {
				continue
			}
			if p.Status == Cancelled {
				probs = append(probs, Problem{Severity: Warning, Code: CodeRequiresCancelled, File: p.File, Line: b.Line, Packet: p.ID, Ref: target.ID,
					Message: fmt.Sprintf("%s blocks %s but is cancelled; this line makes no dependency", p.ID, target.ID)})
				continue
			}
			target.Requires = append(target.Requires, Ref{ID: p.ID, Line: target.Line, Via: ViaBlocks, Source: b.Source})
		}
	}
	return probs
}

// staleStatus compares a row's status cell with the referenced packet's own
// status and says how they contradict each other, or returns "".
func (ix *index) staleStatus(id, cellText string, target *Packet) string {
	switch ix.classify(cellText) {
	case Available:
		if target.Status != Complete {
			return fmt.Sprintf("the row says %s is %q, but %s's own status is %s", id, cellText, id, target.Status.Words())
		}
	case Blocking:
		if target.Status == Complete {
			return fmt.Sprintf("the row says %s is %q, but %s's own status is %s", id, cellText, id, target.Status.Words())
		}
	}
	return ""
}

// maxRepeats is how many warnings of one kind a row gets; one more
// warning counts the rest. A pasted cell of thousands of unknown IDs
// would otherwise print thousands of lines.
const maxRepeats = 3

// excerpt is s cut to at most 60 runes, with "…" where it was cut: what a
// warning quotes of a cell.
func excerpt(s string) string {
	n := 0
	for i := range s {
		if n == 60 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
