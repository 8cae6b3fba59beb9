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
}

func newIndex(packets []*Packet) *index {
	ix := &index{byID: make(map[string]*Packet, len(packets)), byPath: make(map[string]string, len(packets))}
	for _, p := range packets {
		ix.byID[p.ID] = p
		if abs, ok := absPath(p.File); ok {
			ix.byPath[abs] = p.ID
		}
	}
	return ix
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
	p.Requires, p.Optional, p.Externals, p.Blocks = nil, nil, nil, nil
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
				p.Externals = append(p.Externals, External{Name: row.name, StatusText: row.status, Class: classifyCell(row.status), Required: row.required(), Line: line})
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
		for rest := ids; rest != ""; {
			var id string
			id, rest, _ = strings.Cut(rest, " ")
			if ix != nil {
				target := ix.byID[id]
				if target == nil {
					if dangling++; dangling > maxRepeats {
						moreDangling = append(moreDangling, id)
					} else {
						warn(line, CodeDanglingRef, id, "%s is not the ID of any packet read; this row makes no dependency (dependency %q)", id, excerpt(row.name))
					}
					continue
				}
				if msg := staleStatus(id, row.status, target); msg != "" {
					if stale++; stale > maxRepeats {
						moreStale = append(moreStale, id)
					} else {
						warn(line, CodeStaleStatus, id, "%s", msg)
					}
				}
			}
			ref := Ref{ID: id, Line: line, StatusText: row.status, Via: row.via(), Source: row.name}
			switch {
			case row.reverse():
				p.Blocks = append(p.Blocks, ref)
			case row.required():
				p.Requires = append(p.Requires, ref)
			default:
				p.Optional = append(p.Optional, ref)
			}
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

// addReverse adds each packet that a packet's Blocks name to the named
// packet's Requires, unless that packet already requires it (or is it).
// Load calls it once every packet is resolved.
func addReverse(packets []*Packet, ix *index) {
	for _, p := range packets {
		for _, b := range p.Blocks {
			target := ix.byID[b.ID]
			if target == nil || target == p || slices.ContainsFunc(target.Requires, func(r Ref) bool { return r.ID == p.ID }) {
				continue
			}
			target.Requires = append(target.Requires, Ref{ID: p.ID, Line: target.Line, Via: ViaBlocks, Source: b.Source, BlocksFile: p.File, BlocksLine: b.Line})
		}
	}
}

// staleStatus compares a row's status cell with the referenced packet's own
// status and says how they contradict each other, or returns "".
func staleStatus(id, cellText string, target *Packet) string {
	switch classifyCell(cellText) {
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
