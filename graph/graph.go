package graph

import (
	"cmp"
	"slices"

	"github.com/workpackets/plan/parser"
)

// Graph is the dependency graph of a set of packets. It is immutable once
// built by [New] and safe for concurrent reads.
type Graph struct {
	packets []*parser.Packet
	index   map[string]int

	// req[i] are the packets i requires (indices, sorted, deduplicated,
	// including i itself for a self-dependency); by[i] are the packets that
	// require i.
	req, by [][]int
	// lines[off[to]+k] is the line of the first row in to's file that
	// requires req[to][k]; req[to] is reqAll[off[to]:off[to+1]], so that
	// the adjacency lists are two arrays and not a slice per packet.
	off   []int
	lines []int

	// dag and dagBy are req and by without the cut edges of cycles.
	dag, dagBy [][]int

	// comp[i] is the strongly connected component of i.
	comp   []int
	cycles []Cycle
	cut    map[edge]bool
	// cyclic[c] reports whether component c is a cycle.
	cyclic []bool

	eff []parser.Priority
	// finished[i] reports whether packet i is complete or cancelled (see
	// done): the walks ask it of every packet they pass, and a slice of
	// its own is read without loading each packet.
	finished []bool
}

// edge is a required edge between packet indices: from is the dependency,
// to the packet that requires it.
type edge struct{ from, to int }

// New builds the graph of packets. Packets are expected to have unique IDs
// (the parser reports duplicates); should two share an ID, the first one is
// kept. Nil packets are skipped. References to IDs not in the set are
// ignored.
func New(packets []*parser.Packet) *Graph {
	ps := make([]*parser.Packet, 0, len(packets))
	index := make(map[string]int, len(packets))
	for _, p := range packets {
		if p == nil {
			continue
		}
		if _, dup := index[p.ID]; dup {
			continue
		}
		index[p.ID] = -1
		ps = append(ps, p)
	}
	slices.SortStableFunc(ps, func(a, b *parser.Packet) int { return cmp.Compare(a.ID, b.ID) })
	for i, p := range ps {
		index[p.ID] = i
	}

	n := len(ps)
	g := &Graph{
		packets:  ps,
		index:    index,
		req:      make([][]int, n),
		by:       make([][]int, n),
		off:      make([]int, n+1),
		finished: make([]bool, n),
	}
	for i, p := range ps {
		g.finished[i] = p.Status == parser.Complete || p.Status == parser.Cancelled // cancelled: no work left, none planned
	}
	total := 0
	for _, p := range ps {
		total += len(p.Requires)
	}
	// reqAll holds every packet's dependencies, sorted and deduplicated,
	// packet after packet; lines the line of the first row of each.
	reqAll := make([]int, 0, total)
	g.lines = make([]int, 0, total)
	byCount := make([]int, n+1)
	type dep struct{ from, line int }
	var deps []dep
	for to, p := range ps {
		deps = deps[:0]
		for _, r := range p.Requires {
			if from, ok := index[r.ID]; ok {
				deps = append(deps, dep{from, r.Line})
			}
		}
		slices.SortFunc(deps, func(a, b dep) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.line, b.line)) })
		for k, d := range deps {
			if k > 0 && deps[k-1].from == d.from {
				continue // the first row (lowest line) of a duplicate is kept
			}
			reqAll = append(reqAll, d.from)
			g.lines = append(g.lines, d.line)
			byCount[d.from+1]++
		}
		g.off[to+1] = len(reqAll)
	}
	// by[from] lists the dependents in increasing order, filled as the
	// packets are taken in index order.
	for i := range n {
		byCount[i+1] += byCount[i]
	}
	byAll := make([]int, len(reqAll))
	next := slices.Clone(byCount[:n])
	for to := range n {
		if lo, hi := g.off[to], g.off[to+1]; lo < hi {
			g.req[to] = reqAll[lo:hi:hi]
		}
		for _, from := range g.req[to] {
			byAll[next[from]] = to
			next[from]++
		}
	}
	for from := range n {
		if lo, hi := byCount[from], byCount[from+1]; lo < hi {
			g.by[from] = byAll[lo:hi:hi]
		}
	}

	g.findCycles()
	// dag and dagBy are req and by when there is no cycle, and otherwise
	// share their lists where no edge is cut.
	if len(g.cut) == 0 {
		g.dag, g.dagBy = g.req, g.by
		g.effectivePriorities()
		return g
	}
	g.dag = make([][]int, n)
	g.dagBy = make([][]int, n)
	for to := range n {
		g.dag[to] = g.req[to]
		if !slices.ContainsFunc(g.req[to], func(from int) bool { return g.cut[edge{from, to}] }) {
			continue
		}
		g.dag[to] = nil
		for _, from := range g.req[to] {
			if !g.cut[edge{from, to}] {
				g.dag[to] = append(g.dag[to], from)
			}
		}
	}
	for from := range n {
		g.dagBy[from] = g.by[from]
		if !slices.ContainsFunc(g.by[from], func(to int) bool { return g.cut[edge{from, to}] }) {
			continue
		}
		g.dagBy[from] = nil
		for _, to := range g.by[from] {
			if !g.cut[edge{from, to}] {
				g.dagBy[from] = append(g.dagBy[from], to)
			}
		}
	}
	g.effectivePriorities()
	return g
}

// rowLine returns the line of the first row in to's file that requires
// from, and whether there is one.
func (g *Graph) rowLine(from, to int) (int, bool) {
	k, ok := slices.BinarySearch(g.req[to], from)
	if !ok {
		return 0, false
	}
	return g.lines[g.off[to]+k], true
}

// Packets returns the packets of the graph, sorted by ID.
func (g *Graph) Packets() []*parser.Packet {
	return slices.Clone(g.packets)
}

// Packet returns the packet with the given ID, or nil if there is none.
func (g *Graph) Packet(id string) *parser.Packet {
	i, ok := g.index[id]
	if !ok {
		return nil
	}
	return g.packets[i]
}

// Len is the number of packets in the graph.
func (g *Graph) Len() int { return len(g.packets) }

// Index returns the index of the packet id in [Graph.Packets], and whether
// there is one. The methods named ...At and ...Indices take and give such
// indices, for callers that keep what they know of each packet in a slice
// rather than in a map keyed by ID.
func (g *Graph) Index(id string) (int, bool) {
	i, ok := g.index[id]
	return i, ok
}

// PacketAt returns the packet at index i of [Graph.Packets].
func (g *Graph) PacketAt(i int) *parser.Packet { return g.packets[i] }

// EffectivePriorityAt is [Graph.EffectivePriority] of the packet at index
// i.
func (g *Graph) EffectivePriorityAt(i int) parser.Priority { return g.eff[i] }

// DAGRequiresAt is [Graph.DAGRequires] of the packet at index i, as
// indices in increasing order. The slice is the graph's own: read it,
// never change it.
func (g *Graph) DAGRequiresAt(i int) []int { return g.dag[i] }

// Requires returns the IDs of the packets that id directly requires, sorted.
// It includes id itself when the packet requires itself, and is empty for an
// unknown ID.
func (g *Graph) Requires(id string) []string {
	i, ok := g.index[id]
	if !ok {
		return []string{}
	}
	return g.ids(g.req[i])
}

// RequiredBy returns the IDs of the packets that directly require id, sorted.
func (g *Graph) RequiredBy(id string) []string {
	i, ok := g.index[id]
	if !ok {
		return []string{}
	}
	return g.ids(g.by[i])
}

// DAGRequires is [Graph.Requires] without the cut edges of cycles (see
// [Cycle.Cut]). Taken over all packets these edges form no cycle.
func (g *Graph) DAGRequires(id string) []string {
	i, ok := g.index[id]
	if !ok {
		return []string{}
	}
	return g.ids(g.dag[i])
}

// EffectivePriority returns the best (most urgent) priority of the packet
// and of every packet that transitively requires it: a P2 packet that a P0
// packet waits on is effectively P0. It is [parser.NoPriority] for an
// unknown ID or when none of them has a priority.
func (g *Graph) EffectivePriority(id string) parser.Priority {
	i, ok := g.index[id]
	if !ok {
		return parser.NoPriority
	}
	return g.eff[i]
}

// effectivePriorities fills g.eff. Within a strongly connected component
// every member reaches every other, so the components are processed in
// reverse topological order (dependents first), each taking the best of its
// own members and of the components that require it.
func (g *Graph) effectivePriorities() {
	n := len(g.packets)
	ncomp := len(g.cyclic)
	best := make([]parser.Priority, ncomp)
	for c := range best {
		best[c] = parser.NoPriority
	}
	members := g.componentMembers()
	// Components are numbered in reverse topological order: every edge
	// between two components goes from a higher number to a lower one
	// (see findCycles), so component 0 has no dependents outside itself.
	for c := range ncomp {
		for _, i := range members[c] {
			best[c] = better(best[c], g.packets[i].Priority)
			for _, j := range g.by[i] {
				if d := g.comp[j]; d != c {
					best[c] = better(best[c], best[d])
				}
			}
		}
	}
	g.eff = make([]parser.Priority, n)
	for i := range n {
		g.eff[i] = best[g.comp[i]]
	}
}

// better returns the more urgent of two priorities.
func better(a, b parser.Priority) parser.Priority {
	if b.Rank() < a.Rank() {
		return b
	}
	return a
}

// componentMembers lists the members of every component, in index order.
// The lists are pieces of one array, not one allocation per component
// (most components are one packet).
func (g *Graph) componentMembers() [][]int {
	count := len(g.cyclic)
	start := make([]int, count+1)
	for _, c := range g.comp {
		start[c+1]++
	}
	for c := range count {
		start[c+1] += start[c]
	}
	all := make([]int, len(g.comp))
	fill := slices.Clone(start[:count])
	for i, c := range g.comp {
		all[fill[c]] = i
		fill[c]++
	}
	members := make([][]int, count)
	for c := range members {
		members[c] = all[start[c]:start[c+1]:start[c+1]]
	}
	return members
}

// done reports whether packet i is finished.
func (g *Graph) done(i int) bool { return g.finished[i] }

// ids maps indices to IDs. Indices in increasing order give IDs sorted.
func (g *Graph) ids(is []int) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = g.packets[i].ID
	}
	return out
}
