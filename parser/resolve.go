package parser

import (
	"fmt"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// index is what Load knows about the packets of a set, to resolve rows.
type index struct {
	byID   map[string]*Packet
	byPath map[string]string // absolute, clean path of a packet file -> its ID
	// folded holds the packets whose IDs compare case-insensitively
	// (Packet.CaseInsensitiveID), by upper-cased ID.
	folded map[string]*Packet
	// sorted are the IDs, sorted, for ranges and suffixed IDs; built on
	// first use.
	sorted []string
	// cfg is the folder's plan.yaml (nil for none): its status words
	// are read in status cells too.
	cfg *Config
}

func newIndex(packets []*Packet) *index {
	ix := &index{byID: make(map[string]*Packet, len(packets)), byPath: make(map[string]string, len(packets))}
	for _, p := range packets {
		ix.byID[p.ID] = p
		if abs, ok := absPath(p.File); ok {
			ix.byPath[abs] = p.ID
		}
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
	if ix.sorted == nil {
		ix.sorted = make([]string, 0, len(ix.byID))
		for id := range ix.byID {
			ix.sorted = append(ix.sorted, id)
		}
		slices.Sort(ix.sorted)
	}
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

func absPath(file string) (string, bool) {
	if file == StdinName {
		return "", false
	}
	abs, err := filepath.Abs(file)
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
	dir, ok := absPath(from)
	if !ok {
		return "", false
	}
	target := filepath.Join(filepath.Dir(dir), filepath.FromSlash(dest))
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
// live at the end of reading, so the struct is kept to 64 bytes.
type pendingRow struct {
	name   string // the dependency cell as plain text
	status string // the status cell as plain text
	// ids are the IDs the row names when no link of it resolves, separated
	// by spaces (IDs never hold one): those of its dependency cell, or,
	// for a table row naming none, those of its description cell.
	ids string
	// linked is the whole row when it has a link; nil otherwise.
	linked *depRow
	// bits is the row's line, shifted left by pendingShift, with the
	// flags below in the low bits.
	bits int
}

const (
	pendingRequired = 1 << iota
	pendingHeader
	pendingReverse
	pendingBullet
	pendingDesc  // the ids are those of the description cell
	pendingShift = iota
)

func (r *pendingRow) line() int      { return r.bits >> pendingShift }
func (r *pendingRow) required() bool { return r.bits&pendingRequired != 0 }
func (r *pendingRow) header() bool   { return r.bits&pendingHeader != 0 }
func (r *pendingRow) reverse() bool  { return r.bits&pendingReverse != 0 }

// via is how the row's references were found.
func (r *pendingRow) via() Via {
	switch {
	case r.linked != nil:
		return ViaLink
	case r.bits&pendingDesc != 0:
		return ViaDescription
	case r.reverse():
		return ViaBlocks
	case r.bits&pendingBullet != 0:
		return ViaBullet
	case r.header():
		return ViaHeader
	}
	return ViaTable
}

// compact turns rows into the pendingRows resolve reads, without the
// parts that only links need.
func compact(rows []depRow) []pendingRow {
	if len(rows) == 0 {
		return nil
	}
	out := make([]pendingRow, len(rows))
	var scratch []string
	for i := range rows {
		row := &rows[i]
		pr := pendingRow{name: row.name, status: row.status, bits: row.line << pendingShift}
		for _, f := range []struct {
			set  bool
			flag int
		}{{row.required, pendingRequired}, {row.header, pendingHeader}, {row.reverse, pendingReverse}, {row.bullet, pendingBullet}} {
			if f.set {
				pr.bits |= f.flag
			}
		}
		for _, it := range row.items {
			if it.link != "" {
				pr.linked = row
				break
			}
		}
		if pr.linked == nil {
			scratch = rowIDs(row, nil, scratch, "")
			if len(scratch) > 0 && !row.header && !hasItemIDs(row) {
				pr.bits |= pendingDesc
			}
			if len(scratch) == 1 {
				pr.ids = strings.Clone(scratch[0]) // not the cell text it was cut from
			} else {
				pr.ids = strings.Join(scratch, " ")
			}
		}
		out[i] = pr
	}
	return out
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

// rowIDs returns the IDs a row names, deduplicated, in order: a link that
// resolves (with an index) names its packet, other items their ID-shaped
// tokens; a table row that names none names those of its description.
func rowIDs(row *depRow, ix *index, ids []string, file string) []string {
	ids = ids[:0]
	var seen idSet
	add := func(id string) { seen.add(&ids, id) }
	for _, it := range row.items {
		if it.link != "" && ix != nil {
			if id, ok := ix.linkTarget(file, it.link); ok {
				add(id)
				continue
			}
		}
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
	return resolvePending(p, compact(rows), ix)
}

// resolvePending is resolve for rows already compacted.
func resolvePending(p *Packet, rows []pendingRow, ix *index) []Problem {
	p.Requires, p.Optional, p.Externals, p.Blocks, p.Missing = nil, nil, nil, nil, nil
	var probs []Problem
	warn := func(line int, code, ref, format string, args ...any) {
		probs = append(probs, Problem{Severity: Warning, Code: code, Message: fmt.Sprintf(format, args...), File: p.File, Line: line, Packet: p.ID, Ref: ref})
	}
	for i := range rows {
		row := &rows[i]
		line := row.line()
		dangling, stale := 0, 0
		var moreDangling, moreStale []string
		ids := row.ids
		if row.linked != nil {
			ids = strings.Join(rowIDs(row.linked, ix, nil, p.File), " ")
		}
		if ids == "" {
			if !row.header() {
				p.Externals = append(p.Externals, External{Name: row.name, StatusText: row.status, Class: ix.classify(row.status), Required: row.required(), Line: line})
				// A packet ID written in lower case is no ID: the row
				// silently drops a dependency unless someone says so.
				if ix != nil && hasDashDigit(row.name) { // no ID without "-" and a digit: spare ToUpper
					for _, id := range findIDs(strings.ToUpper(row.name)) {
						if ix.byID[id] != nil {
							warn(line, CodeIDCase, id, "%q is not an ID (IDs are upper case); write %s to depend on that packet (this row is read as an external dependency)", excerpt(row.name), id)
						}
					}
				}
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
					warn(line, CodeDanglingRef, lo, "no packet read is in the range %s to %s; this row makes no dependency (dependency %q)", lo, hi, excerpt(row.name))
				}
				for _, id := range in {
					if !contains(ranged, id) {
						ranged = append(ranged, id)
						add(Ref{ID: id, Line: line, StatusText: row.status, Via: ViaRange, Source: row.name})
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
						warn(line, CodeDanglingRef, id, "%s", ix.danglingMessage(p, id, row.name, missing))
					}
					if missing {
						p.Missing = append(p.Missing, Ref{ID: id, Line: line, StatusText: row.status, Via: via, Source: row.name})
					}
					continue
				}
				id = target.ID // as the packet spells it (task-12 for TASK-12)
				if target.Status == Cancelled && row.required() && !row.reverse() {
					warn(line, CodeRequiresCancelled, id, "%s requires %s, which is cancelled; this row makes no dependency", p.ID, id)
					continue
				}
				if msg := ix.staleStatus(id, row.status, target); msg != "" {
					if stale++; stale > maxRepeats {
						moreStale = append(moreStale, id)
					} else {
						warn(line, CodeStaleStatus, id, "%s", msg)
					}
				}
			}
			add(Ref{ID: id, Line: line, StatusText: row.status, Via: via, Source: row.name})
		}
		if len(moreDangling) > 0 {
			warn(line, CodeDanglingRef, moreDangling[0], "%d more IDs of this row are not the ID of any packet read (%s, ...); they make no dependency", len(moreDangling), moreDangling[0])
		}
		if len(moreStale) > 0 {
			warn(line, CodeStaleStatus, moreStale[0], "the status cell contradicts the own status of %d more packets of this row (%s, ...)", len(moreStale), moreStale[0])
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
			target.Requires = append(target.Requires, Ref{ID: p.ID, Line: target.Line, Via: ViaBlocks, Source: b.Source, BlocksFile: p.File, BlocksLine: b.Line})
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
