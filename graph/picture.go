package graph

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workpackets/plan/parser"
)

// Timing is what the critical path method says about one unfinished
// packet, in working days from day 0 (package schedule computes it; the
// graph package cannot import schedule, so the caller copies it here).
type Timing struct {
	EarliestStart, EarliestFinish float64
	// Slack is how long the packet can slip without delaying the plan.
	Slack float64
}

// PictureOptions adds what the graph does not know to a picture (DOT or
// Mermaid flowchart).
type PictureOptions struct {
	// Critical is the critical path, as packet IDs in order: its packets
	// and the rows between consecutive IDs are marked critical.
	Critical []string
	// Timings are the critical path method's times of the unfinished
	// packets, by ID. When given, every zero-slack packet is marked
	// critical, and so is every required row between two of them along
	// which no time is lost (the dependent's earliest start is the
	// dependency's earliest finish): every zero-slack chain, not only the
	// one Critical names.
	Timings map[string]Timing
	// AllEdges draws every row. By default a row is left out when a longer
	// chain of required rows already says the same (transitive
	// reduction): A -> C goes when A -> B -> C is drawn.
	AllEdges bool
	// Stats, when not nil, is set by [WriteMermaid] to the size of the
	// chart written, so that the caller can compare it with Mermaid's
	// limits. [WriteDOT] leaves it alone.
	Stats *MermaidStats
}

// DOTOptions are the options of [WriteDOT].
type DOTOptions = PictureOptions

// MermaidOptions are the options of [WriteMermaid].
type MermaidOptions = PictureOptions

// fill is how a packet is filled in a picture.
type fill uint8

const (
	fillNotStarted fill = iota
	fillInProgress
	fillComplete
	fillCancelled
	// fillBlocked is for an unfinished packet that cannot start however
	// the work on other packets goes: it waits on an external, is in a
	// cycle, requires an ID no file has, or its own Status says Blocked.
	// A packet that merely waits on unfinished packets is not started.
	fillBlocked
)

// picNode is one packet as drawn.
type picNode struct {
	fill     fill
	cycle    bool // a member of a cycle
	critical bool // zero slack
	// id, title, effort and state are the label's parts, as plain text;
	// state says why a blocked packet is blocked ("" otherwise).
	id, title, effort string
	state             []string
}

// picExternal is an external dependency (a service, account or SDK) that
// blocks unfinished packets or puts them at risk, drawn as its own node.
type picExternal struct {
	name     string
	blocking bool // blocks at least one packet; otherwise at risk
	// to are the packets it blocks or puts at risk, sorted, each with
	// whether it blocks that one.
	to []picExtEdge
}

type picExtEdge struct {
	to       int
	blocking bool
}

// picEdge is one row between packets, as drawn.
type picEdge struct {
	from, to                       int
	optional, cycle, cut, critical bool
}

// picture is what both the DOT and the Mermaid writers draw, computed
// once so that the two cannot disagree.
type picture struct {
	nodes     []picNode
	externals []picExternal // sorted by name
	edges     []picEdge     // sorted by from, then to
	folders   []string      // per packet, see topFolders
	legend    []legendEntry
}

// legendEntry is one line of the legend.
type legendEntry uint8

// The legend's entries, in the order drawn. Only those the picture uses
// are drawn.
const (
	legendNotStarted legendEntry = iota
	legendInProgress
	legendComplete
	legendCancelled
	legendBlocked
	legendCritical
	legendExternalBlocking
	legendExternalAtRisk
	legendRequired
	legendCriticalEdge
	legendOptional
	legendCycle
)

// legendText is what each legend entry says.
var legendText = map[legendEntry]string{
	legendNotStarted:       "not started (or waiting on earlier packets)",
	legendInProgress:       "in progress",
	legendComplete:         "complete",
	legendCancelled:        "cancelled",
	legendBlocked:          "blocked: by an external, a cycle, its own status or a missing packet",
	legendCritical:         "critical path (zero slack)",
	legendExternalBlocking: "external dependency that blocks",
	legendExternalAtRisk:   "external dependency at risk",
	legendRequired:         "required: left finishes before right starts",
	legendCriticalEdge:     "critical path",
	legendOptional:         "optional (does not order the work)",
	legendCycle:            "cycle (cut: the row to change)",
}

func newPicture(g *Graph, opts PictureOptions) *picture {
	n := len(g.packets)
	pic := &picture{nodes: make([]picNode, n), folders: topFolders(g.packets)}
	crit := g.criticalNodes(opts)
	for i, p := range g.packets {
		nd := picNode{id: p.ID, title: p.Title, effort: remainingText(p)}
		nd.cycle = g.cyclic[g.comp[i]]
		switch {
		case p.Status == parser.Complete:
			nd.fill = fillComplete
		case p.Status == parser.Cancelled:
			nd.fill = fillCancelled
		default:
			nd.state = g.stuckReasons(i)
			nd.critical = crit[i]
			switch {
			case len(nd.state) > 0:
				nd.fill = fillBlocked
			case p.Status == parser.InProgress:
				nd.fill = fillInProgress
			}
		}
		pic.nodes[i] = nd
	}
	pic.externals = g.externals()

	seen := map[edge]bool{}
	for to := range n {
		for _, from := range g.req[to] {
			e := edge{from, to}
			seen[e] = true
			pe := picEdge{from: from, to: to}
			if g.comp[from] == g.comp[to] && g.cyclic[g.comp[to]] {
				pe.cycle, pe.cut = true, g.cut[e]
			}
			pic.edges = append(pic.edges, pe)
		}
		for _, r := range g.packets[to].Optional {
			from, ok := g.index[r.ID]
			if !ok || from == to || seen[edge{from, to}] {
				continue // unknown, itself, already required, or optional twice
			}
			seen[edge{from, to}] = true
			pic.edges = append(pic.edges, picEdge{from: from, to: to, optional: true})
		}
	}
	slices.SortFunc(pic.edges, func(a, b picEdge) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to)) })
	if !opts.AllEdges {
		redundant := g.redundantEdges(pic.edges, reductionBudget)
		pic.edges = slices.DeleteFunc(pic.edges, func(e picEdge) bool { return redundant[edge{e.from, e.to}] })
	}
	tight := g.tightEdge(opts)
	for k := range pic.edges {
		e := &pic.edges[k]
		e.critical = !e.optional && !e.cut && crit[e.from] && crit[e.to] && tight(e.from, e.to)
	}
	pic.legend = pic.usedLegend()
	return pic
}

// criticalNodes marks the unfinished packets with zero slack (from
// opts.Timings) and those on opts.Critical. When the plan has no length
// (nothing is estimated) nothing is critical: every packet would be. The
// members of a cycle are never marked: their times come from the plan
// without the cut rows, and a critical path through a cycle would be read
// as real; the cycle is what to fix first.
func (g *Graph) criticalNodes(opts PictureOptions) []bool {
	crit := make([]bool, len(g.packets))
	end, tol := timingsEnd(opts.Timings)
	if end > 0 {
		for id, t := range opts.Timings {
			if i, ok := g.index[id]; ok && !g.done(i) && t.Slack <= tol {
				crit[i] = true
			}
		}
	}
	for _, id := range opts.Critical {
		if i, ok := g.index[id]; ok && !g.done(i) {
			crit[i] = true
		}
	}
	for i := range crit {
		crit[i] = crit[i] && !g.cyclic[g.comp[i]]
	}
	return crit
}

// timingsEnd returns the plan's length from timings and the float noise
// allowed when comparing its times (as package schedule allows).
func timingsEnd(ts map[string]Timing) (end, tol float64) {
	for _, t := range ts {
		end = max(end, t.EarliestFinish)
	}
	return end, 1e-9 * math.Max(1, end)
}

// tightEdge returns whether the row from -> to loses no time: with
// timings, the dependent's earliest start is the dependency's earliest
// finish; without them, the two are consecutive on opts.Critical.
func (g *Graph) tightEdge(opts PictureOptions) func(from, to int) bool {
	onPath := map[edge]bool{}
	for k := 0; k+1 < len(opts.Critical); k++ {
		from, ok1 := g.index[opts.Critical[k]]
		to, ok2 := g.index[opts.Critical[k+1]]
		if ok1 && ok2 {
			onPath[edge{from, to}] = true
		}
	}
	_, tol := timingsEnd(opts.Timings)
	return func(from, to int) bool {
		if onPath[edge{from, to}] {
			return true
		}
		a, ok1 := opts.Timings[g.packets[from].ID]
		b, ok2 := opts.Timings[g.packets[to].ID]
		return ok1 && ok2 && math.Abs(b.EarliestStart-a.EarliestFinish) <= tol
	}
}

// stuckReasons says why unfinished packet i cannot start whatever happens
// to the other packets, one line each; nil when it can (once the packets
// it requires are done).
func (g *Graph) stuckReasons(i int) []string {
	p := g.packets[i]
	var out []string
	if slices.ContainsFunc(p.Externals, parser.External.Blocking) {
		out = append(out, "blocked by external")
	}
	if g.cyclic[g.comp[i]] {
		out = append(out, "blocked: in a cycle")
	}
	var missing []string
	for _, m := range p.Missing {
		if !slices.Contains(missing, m.ID) {
			missing = append(missing, m.ID)
		}
	}
	if len(missing) > 0 {
		out = append(out, "blocked: "+strings.Join(missing, ", ")+" (no file)")
	}
	if p.StatusBlocked {
		out = append(out, "blocked: its own Status")
	}
	return out
}

// externals collects the externals that block an unfinished packet or
// put it at risk, merged by name.
func (g *Graph) externals() []picExternal {
	byName := map[string]*picExternal{}
	for i, p := range g.packets {
		if g.done(i) {
			continue
		}
		for _, x := range p.Externals {
			blocking := x.Blocking()
			if !blocking && x.Class != parser.AtRisk {
				continue
			}
			name := strings.TrimSpace(x.Name)
			if name == "" {
				continue
			}
			e := byName[name]
			if e == nil {
				e = &picExternal{name: name}
				byName[name] = e
			}
			e.blocking = e.blocking || blocking
			if k := len(e.to) - 1; k >= 0 && e.to[k].to == i {
				e.to[k].blocking = e.to[k].blocking || blocking // named twice by one packet
				continue
			}
			e.to = append(e.to, picExtEdge{to: i, blocking: blocking})
		}
	}
	out := make([]picExternal, 0, len(byName))
	for _, e := range byName {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b picExternal) int { return strings.Compare(a.name, b.name) })
	return out
}

// usedLegend lists the legend entries the picture uses.
func (pic *picture) usedLegend() []legendEntry {
	used := map[legendEntry]bool{}
	for _, nd := range pic.nodes {
		used[[...]legendEntry{legendNotStarted, legendInProgress, legendComplete, legendCancelled, legendBlocked}[nd.fill]] = true
		used[legendCritical] = used[legendCritical] || nd.critical
	}
	for _, x := range pic.externals {
		for _, e := range x.to {
			used[legendExternalBlocking] = used[legendExternalBlocking] || e.blocking
			used[legendExternalAtRisk] = used[legendExternalAtRisk] || !e.blocking
		}
	}
	for _, e := range pic.edges {
		switch {
		case e.cycle:
			used[legendCycle] = true
		case e.optional:
			used[legendOptional] = true
		case e.critical:
			used[legendCriticalEdge] = true
		default:
			used[legendRequired] = true
		}
	}
	var out []legendEntry
	for k := legendNotStarted; k <= legendCycle; k++ {
		if used[k] {
			out = append(out, k)
		}
	}
	return out
}

// reductionBudget bounds the work of the transitive reduction (steps of
// its searches): past it the remaining rows are all drawn, so that a huge,
// dense plan still gets its picture in bounded time.
const reductionBudget = 20_000_000

// redundantEdges returns the rows a longer chain of required rows already
// implies: a required row u -> v between packets not in one cycle when v
// is reachable from u without it, an optional row when v is reachable
// from u along required rows. Rows inside a cycle are always kept. The
// rows are decided one at a time in the order given, each against the rows
// kept so far, so what can be reached never changes; on the acyclic part
// the result is the unique transitive reduction.
func (g *Graph) redundantEdges(edges []picEdge, budget int) map[edge]bool {
	n := len(g.packets)
	out := map[edge]bool{}
	// next[u] are the dependents of u along required rows still drawn.
	next := make([][]int, n)
	for u := range n {
		next[u] = slices.Clone(g.by[u])
	}
	seen := make([]int, n)
	stamp := 0
	var stack []int
	// reaches reports whether v can be reached from u along next without
	// the row u -> v itself. Components are numbered so that a row goes
	// from a higher number to a lower or the same one, so packets of a
	// component below v's cannot lead to v.
	reaches := func(u, v int, skipDirect bool) bool {
		stamp++
		stack = append(stack[:0], u)
		seen[u] = stamp
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, y := range next[x] {
				budget--
				if x == u && y == v && skipDirect {
					continue
				}
				if y == v {
					return true
				}
				if seen[y] == stamp || g.comp[y] < g.comp[v] {
					continue
				}
				seen[y] = stamp
				stack = append(stack, y)
			}
		}
		return false
	}
	for _, e := range edges {
		if budget <= 0 {
			break
		}
		u, v := e.from, e.to
		if u == v || g.comp[u] == g.comp[v] {
			continue // a self row or a row inside a cycle: always drawn
		}
		if !reaches(u, v, !e.optional) {
			continue
		}
		out[edge{u, v}] = true
		if !e.optional {
			next[u] = slices.DeleteFunc(next[u], func(y int) bool { return y == v })
		}
	}
	return out
}

// remainingText is the effort line of a packet's label, as the text report
// says it: the remaining estimate ("3-5d", "1.6-2.4d left, 60% done"),
// "no estimate", or "complete" and "cancelled" for packets with nothing
// left.
func remainingText(p *parser.Packet) string {
	switch p.Status {
	case parser.Complete:
		return "complete"
	case parser.Cancelled:
		return "cancelled"
	}
	if p.Effort == nil {
		if p.Status == parser.InProgress {
			return "no estimate, in progress"
		}
		return "no estimate"
	}
	s := EffortText(p.Remaining())
	if p.Status == parser.InProgress {
		if p.Progress != nil {
			return s + " left, " + strconv.Itoa(*p.Progress) + "% done"
		}
		return s + ", in progress"
	}
	return s
}

// wrapWords breaks s into lines of at most width characters at spaces
// (a longer word gets a line of its own).
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// freeName returns base, or base with a number appended, such that it is
// not in taken; the name is then taken.
func freeName(base string, taken map[string]bool) string {
	name := base
	for k := 2; taken[name]; k++ {
		name = base + " " + strconv.Itoa(k)
	}
	taken[name] = true
	return name
}
