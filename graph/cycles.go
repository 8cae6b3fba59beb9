package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/workpackets/plan/parser"
)

// Edge is one required row, seen as an edge of the graph.
type Edge struct {
	// From is the dependency, To the packet that requires it.
	From, To string
	// File and Line locate the row in To's file.
	File string
	Line int
}

// Cycle is a dependency cycle: a strongly connected component of more than
// one packet, or a packet that requires itself.
type Cycle struct {
	// IDs are the members, sorted.
	IDs []string
	// Path is one concrete cycle through the smallest member, following
	// edges from dependency to dependent and ending where it starts:
	// [A B C A] means B requires A, C requires B and A requires C.
	Path []string
	// Cut is a set of rows whose removal leaves the members without a
	// cycle, sorted by (To, From). It is the smallest such set when Exact
	// is true.
	Cut []Edge
	// Exact reports whether Cut is proven to be the smallest. It is false
	// when the cut comes from the greedy heuristic and a smaller one could
	// not be ruled out (see findCut).
	Exact bool
}

// maxExactEdges is the largest number of edges inside one component (self
// edges not counted) for which the cut is always searched exhaustively.
const maxExactEdges = 12

// exactBudget bounds the work (edge and node visits) of all exhaustive cut
// searches of one graph.
const exactBudget = 5_000_000

// pruneBudget bounds the edge visits spent making a heuristic cut minimal.
const pruneBudget = 20_000_000

// maxMessageSteps bounds how many steps of a cycle a problem message spells
// out; the full path is in [Cycle.Path].
const maxMessageSteps = 50

// Cycles returns every cycle once, sorted by first ID. The result is empty,
// never nil, when the graph is acyclic.
func (g *Graph) Cycles() []Cycle {
	out := make([]Cycle, len(g.cycles))
	for k, c := range g.cycles {
		out[k] = Cycle{
			IDs:   slices.Clone(c.IDs),
			Path:  slices.Clone(c.Path),
			Cut:   slices.Clone(c.Cut),
			Exact: c.Exact,
		}
	}
	return out
}

// findCycles computes the strongly connected components with gonum's
// TarjanSCC (which recurses once per packet of a chain; Go's growable stacks
// take the 100,000-packet chain of the tests in under 32 MB of stack, far
// below the 1 GB limit), numbers them in the order TarjanSCC returns them (reverse
// topological: every edge between components goes from a higher number to a
// lower one), and finds the path and cut of every cyclic component.
func (g *Graph) findCycles() {
	n := len(g.packets)
	self := make([]bool, n)
	for to := range n {
		self[to] = slices.Contains(g.req[to], to)
	}
	dg := requiredGraph{g}
	sccs := topo.TarjanSCC(dg)
	g.comp = make([]int, n)
	g.cyclic = make([]bool, len(sccs))
	g.cut = make(map[edge]bool)
	search := &cutSearch{budget: exactBudget}
	for c, scc := range sccs {
		members := make([]int, len(scc))
		for k, v := range scc {
			members[k] = int(v.ID())
			g.comp[members[k]] = c
		}
		if len(members) == 1 && !self[members[0]] {
			continue
		}
		g.cyclic[c] = true
		slices.Sort(members)
		g.cycles = append(g.cycles, g.newCycle(members, search))
	}
	slices.SortFunc(g.cycles, func(a, b Cycle) int { return cmp.Compare(a.IDs[0], b.IDs[0]) })
}

// requiredGraph presents the required edges (dependency -> dependent,
// self edges left out) to gonum as a graph.Directed whose node IDs are
// packet indices.
type requiredGraph struct{ g *Graph }

func (r requiredGraph) nodes(is []int, skip int) gonum.Nodes {
	ns := make([]gonum.Node, 0, len(is))
	for _, i := range is {
		if i != skip {
			ns = append(ns, simple.Node(i))
		}
	}
	if len(ns) == 0 {
		return gonum.Empty
	}
	return iterator.NewOrderedNodes(ns)
}

func (r requiredGraph) valid(id int64) bool { return id >= 0 && id < int64(len(r.g.packets)) }

func (r requiredGraph) Node(id int64) gonum.Node {
	if !r.valid(id) {
		return nil
	}
	return simple.Node(id)
}

func (r requiredGraph) Nodes() gonum.Nodes {
	ns := make([]gonum.Node, len(r.g.packets))
	for i := range ns {
		ns[i] = simple.Node(i)
	}
	return iterator.NewOrderedNodes(ns)
}

func (r requiredGraph) From(id int64) gonum.Nodes {
	if !r.valid(id) {
		return gonum.Empty
	}
	return r.nodes(r.g.by[id], int(id))
}

func (r requiredGraph) To(id int64) gonum.Nodes {
	if !r.valid(id) {
		return gonum.Empty
	}
	return r.nodes(r.g.req[id], int(id))
}

func (r requiredGraph) HasEdgeFromTo(u, v int64) bool {
	if u == v || !r.valid(u) || !r.valid(v) {
		return false
	}
	_, ok := r.g.rowLine(int(u), int(v))
	return ok
}

func (r requiredGraph) HasEdgeBetween(x, y int64) bool {
	return r.HasEdgeFromTo(x, y) || r.HasEdgeFromTo(y, x)
}

func (r requiredGraph) Edge(u, v int64) gonum.Edge {
	if !r.HasEdgeFromTo(u, v) {
		return nil
	}
	return simple.Edge{F: simple.Node(u), T: simple.Node(v)}
}

// newCycle builds the Cycle of one cyclic component, given its members in
// index order, and records its cut in g.cut.
func (g *Graph) newCycle(members []int, search *cutSearch) Cycle {
	local := make(map[int]int, len(members))
	for k, i := range members {
		local[i] = k
	}
	// Internal edges in local indices, sorted by (to, from); self edges
	// are always cut and kept apart.
	var edges, selfs []edge
	for k, i := range members {
		for _, from := range g.req[i] {
			f, in := local[from]
			switch {
			case !in:
			case f == k:
				selfs = append(selfs, edge{f, k})
			default:
				edges = append(edges, edge{f, k})
			}
		}
	}
	slices.SortFunc(edges, func(a, b edge) int {
		return cmp.Or(cmp.Compare(a.to, b.to), cmp.Compare(a.from, b.from))
	})

	cutLocal, exact := search.findCut(len(members), edges)
	cutLocal = append(cutLocal, selfs...)
	slices.SortFunc(cutLocal, func(a, b edge) int {
		return cmp.Or(cmp.Compare(a.to, b.to), cmp.Compare(a.from, b.from))
	})

	c := Cycle{IDs: g.ids(members), Exact: exact}
	for _, e := range cutLocal {
		ge := edge{members[e.from], members[e.to]}
		g.cut[ge] = true
		c.Cut = append(c.Cut, g.rowOf(ge))
	}
	c.Path = g.ids(cyclePath(members, local, g.req, g.by))
	return c
}

// rowOf returns the Edge of a required row.
func (g *Graph) rowOf(e edge) Edge {
	to := g.packets[e.to]
	line, _ := g.rowLine(e.from, e.to)
	return Edge{From: g.packets[e.from].ID, To: to.ID, File: to.File, Line: line}
}

// cyclePath returns a shortest cycle through the first member, as packet
// indices from that member back to it. The members form one strongly
// connected component, so such a cycle exists (for a single member, the
// component exists only because of its self edge).
func cyclePath(members []int, local map[int]int, req, by [][]int) []int {
	start := members[0]
	if len(members) == 1 {
		return []int{start, start}
	}
	// Breadth-first search along edges (dependency -> dependent) inside
	// the component, until an edge leads back to start.
	prev := make(map[int]int, len(members))
	prev[start] = -1
	queue := []int{start}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range by[u] {
			if _, in := local[v]; !in {
				continue
			}
			if v == start && u != start {
				path := []int{start}
				for w := u; w != -1; w = prev[w] {
					path = append(path, w)
				}
				slices.Reverse(path)
				return path
			}
			if _, seen := prev[v]; !seen {
				prev[v] = u
				queue = append(queue, v)
			}
		}
	}
	return []int{start, start} // unreachable for a strongly connected component
}

// findCut returns a set of edges whose removal makes the graph of n nodes
// and the given edges (no self edges, sorted) acyclic, and whether it is
// proven to be the smallest such set.
//
// The proof is an exhaustive search: subsets of the edges are tried by
// increasing size, each size in lexicographic order of the edge list, and
// the first that leaves no cycle is a minimum feedback arc set. Components
// of at most maxExactEdges edges are searched directly. Larger ones first
// get a greedy cut (see greedyCut); when it has one edge it is the smallest
// (a cycle needs at least one), and otherwise the smaller sizes are searched
// when that is affordable: if no smaller set exists, the greedy cut is
// proven smallest. All searches of one graph share search.budget, so that
// hostile input cannot make them slow; past it, cuts are greedy and not
// marked exact.
func (s *cutSearch) findCut(n int, edges []edge) ([]edge, bool) {
	m := len(edges)
	var greedy []edge
	limit := m
	if m > maxExactEdges {
		greedy = greedyCut(n, edges)
		if len(greedy) <= 1 {
			return greedy, true
		}
		limit = len(greedy) - 1
		if subsetsUpTo(m, limit)*(n+m) > s.budget {
			return greedy, false
		}
	}
	cut, complete := s.exactCut(n, edges, limit)
	switch {
	case cut != nil:
		return cut, true
	case complete:
		return greedy, true // nothing smaller than the greedy cut exists
	case greedy == nil:
		greedy = greedyCut(n, edges)
	}
	return greedy, len(greedy) <= 1
}

// cutSearch holds what is left of the work allowed for exact cut searches,
// and buffers for them.
type cutSearch struct {
	budget                         int
	indeg, start, fill, out, stack []int
}

// subsetsUpTo counts the subsets of 1..k of m elements, saturating at
// exactBudget+1.
func subsetsUpTo(m, k int) int {
	total, c := 0, 1
	for size := 1; size <= k; size++ {
		c = c * (m - size + 1) / size
		total += c
		if c > exactBudget || total > exactBudget {
			return exactBudget + 1
		}
	}
	return total
}

// exactCut returns the first subset of at most limit edges, by increasing
// size, whose removal leaves no cycle, or nil. complete reports whether the
// search ran to the end rather than out of budget.
func (s *cutSearch) exactCut(n int, edges []edge, limit int) (cut []edge, complete bool) {
	m := len(edges)
	removed := make([]bool, m)
	for size := 1; size <= limit; size++ {
		// Enumerate combinations of size indices in lexicographic order.
		idx := make([]int, size)
		for k := range idx {
			idx[k] = k
		}
		for {
			if s.budget -= n + m; s.budget < 0 {
				return nil, false
			}
			clear(removed)
			for _, k := range idx {
				removed[k] = true
			}
			if s.acyclic(n, edges, removed) {
				cut := make([]edge, size)
				for k, e := range idx {
					cut[k] = edges[e]
				}
				return cut, true
			}
			// Next combination.
			k := size - 1
			for k >= 0 && idx[k] == m-size+k {
				k--
			}
			if k < 0 {
				break
			}
			idx[k]++
			for j := k + 1; j < size; j++ {
				idx[j] = idx[j-1] + 1
			}
		}
	}
	return nil, true
}

// acyclic reports whether the graph of n nodes and the edges not removed
// has no cycle (Kahn's algorithm, reusing the search's buffers).
func (s *cutSearch) acyclic(n int, edges []edge, removed []bool) bool {
	s.indeg = append(s.indeg[:0], make([]int, n)...)
	s.start = append(s.start[:0], make([]int, n+1)...)
	// Out-edges grouped by source: edges are sorted by target, so count
	// and place them (counting sort).
	for k, e := range edges {
		if !removed[k] {
			s.start[e.from+1]++
			s.indeg[e.to]++
		}
	}
	for v := range n {
		s.start[v+1] += s.start[v]
	}
	s.out = append(s.out[:0], make([]int, s.start[n])...)
	s.fill = append(s.fill[:0], s.start[:n]...)
	for k, e := range edges {
		if !removed[k] {
			s.out[s.fill[e.from]] = e.to
			s.fill[e.from]++
		}
	}
	s.stack = s.stack[:0]
	for v := range n {
		if s.indeg[v] == 0 {
			s.stack = append(s.stack, v)
		}
	}
	seen := 0
	for len(s.stack) > 0 {
		v := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		seen++
		for _, w := range s.out[s.start[v]:s.start[v+1]] {
			if s.indeg[w]--; s.indeg[w] == 0 {
				s.stack = append(s.stack, w)
			}
		}
	}
	return seen == n
}

// greedyCut is the Eades-Lin-Smyth heuristic followed by pruning.
func greedyCut(n int, edges []edge) []edge {
	out := make([][]int, n)
	in := make([][]int, n)
	for _, e := range edges {
		out[e.from] = append(out[e.from], e.to)
		in[e.to] = append(in[e.to], e.from)
	}
	outdeg := make([]int, n)
	indeg := make([]int, n)
	for v := range n {
		outdeg[v], indeg[v] = len(out[v]), len(in[v])
	}
	removed := make([]bool, n)
	var sinks, sources []int
	h := &heapOf[deltaItem]{less: deltaFirst}
	for v := range n {
		switch {
		case outdeg[v] == 0:
			sinks = append(sinks, v)
		case indeg[v] == 0:
			sources = append(sources, v)
		}
		h.push(deltaItem{outdeg[v] - indeg[v], v})
	}
	var front, back []int // the order is front followed by back reversed
	remove := func(v int) {
		removed[v] = true
		for _, w := range out[v] {
			if removed[w] {
				continue
			}
			indeg[w]--
			if indeg[w] == 0 {
				sources = append(sources, w)
			}
			h.push(deltaItem{outdeg[w] - indeg[w], w})
		}
		for _, u := range in[v] {
			if removed[u] {
				continue
			}
			outdeg[u]--
			if outdeg[u] == 0 {
				sinks = append(sinks, u)
			}
			h.push(deltaItem{outdeg[u] - indeg[u], u})
		}
	}
	for left := n; left > 0; {
		switch {
		case len(sinks) > 0:
			v := sinks[len(sinks)-1]
			sinks = sinks[:len(sinks)-1]
			if !removed[v] {
				back = append(back, v)
				remove(v)
				left--
			}
		case len(sources) > 0:
			v := sources[len(sources)-1]
			sources = sources[:len(sources)-1]
			if !removed[v] {
				front = append(front, v)
				remove(v)
				left--
			}
		default:
			for {
				it := h.pop()
				if removed[it.v] || it.delta != outdeg[it.v]-indeg[it.v] {
					continue
				}
				front = append(front, it.v)
				remove(it.v)
				left--
				break
			}
		}
	}
	pos := make([]int, n)
	for k, v := range front {
		pos[v] = k
	}
	for k, v := range back {
		pos[v] = n - 1 - k
	}

	isCut := make([]bool, len(edges))
	var cut []int
	for k, e := range edges {
		if pos[e.from] > pos[e.to] {
			isCut[k] = true
			cut = append(cut, k)
		}
	}

	// Prune: put back every cut edge u -> v for which v does not reach u
	// without the cut, i.e. whose return closes no cycle.
	adj := make([][]int, n) // edge indices by source
	for k, e := range edges {
		adj[e.from] = append(adj[e.from], k)
	}
	budget := pruneBudget
	seen := make([]int, n)
	stamp := 0
	for _, k := range cut {
		if budget <= 0 {
			break
		}
		stamp++
		u, v := edges[k].from, edges[k].to
		stack := []int{v}
		seen[v] = stamp
		reaches := false
		for len(stack) > 0 && !reaches {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, ek := range adj[x] {
				budget--
				if isCut[ek] {
					continue
				}
				y := edges[ek].to
				if y == u {
					reaches = true
					break
				}
				if seen[y] != stamp {
					seen[y] = stamp
					stack = append(stack, y)
				}
			}
		}
		if !reaches {
			isCut[k] = false
		}
	}
	var result []edge
	for k, e := range edges {
		if isCut[k] {
			result = append(result, e)
		}
	}
	return result
}

// deltaItem is a node with its out-degree minus in-degree at push time.
type deltaItem struct{ delta, v int }

// deltaFirst orders the heap of the cut search: the largest delta first,
// ties to the smaller node. Stale items are skipped by the caller.
func deltaFirst(a, b deltaItem) bool {
	if a.delta != b.delta {
		return a.delta > b.delta
	}
	return a.v < b.v
}

// Problems returns the problems the graph finds, sorted by file and line:
// one `cycle` error per cycle, at the first row of its path, and an
// `inconsistent-status` warning for every row by which a complete packet
// requires an unfinished one.
func (g *Graph) Problems() []parser.Problem {
	out := []parser.Problem{}
	for _, c := range g.cycles {
		first := g.rowOf(edge{g.index[c.Path[0]], g.index[c.Path[1]]})
		out = append(out, parser.Problem{
			Severity: parser.Error,
			Code:     parser.CodeCycle,
			Message:  g.cycleMessage(c),
			File:     first.File,
			Line:     first.Line,
			Packet:   first.To,
			Ref:      first.From,
		})
	}
	for to, p := range g.packets {
		if p.Status != parser.Complete {
			continue // a cancelled packet may require anything
		}
		for k, from := range g.req[to] {
			if g.done(from) {
				continue
			}
			dep := g.packets[from]
			out = append(out, parser.Problem{
				Severity: parser.Warning,
				Code:     parser.CodeInconsistentStatus,
				Message: fmt.Sprintf("%s is complete but requires %s, which is %s",
					p.ID, dep.ID, statusWords(dep.Status)),
				File:   p.File,
				Line:   g.lines[g.off[to]+k],
				Packet: p.ID,
				Ref:    dep.ID,
			})
		}
	}
	slices.SortStableFunc(out, func(a, b parser.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return out
}

// cycleMessage spells out a cycle: its path, the rows along it and the rows
// to change.
func (g *Graph) cycleMessage(c Cycle) string {
	var b strings.Builder
	steps := len(c.Path) - 1
	if steps <= maxMessageSteps {
		b.WriteString(strings.Join(c.Path, " -> "))
	} else {
		fmt.Fprintf(&b, "%s -> ... (%d more) -> %s",
			strings.Join(c.Path[:maxMessageSteps-1], " -> "), steps-maxMessageSteps, c.Path[steps-1]+" -> "+c.Path[steps])
	}
	b.WriteString(": ")
	for k := 0; k < steps; k++ {
		if k == maxMessageSteps {
			fmt.Fprintf(&b, ", and %d more rows", steps-k)
			break
		}
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(describeRow(g.rowOf(edge{g.index[c.Path[k]], g.index[c.Path[k+1]]})))
	}
	switch {
	case len(c.Cut) == 1:
		b.WriteString("; to break it, remove or make optional the row ")
	case c.Exact:
		fmt.Fprintf(&b, "; to break it, remove or make optional these %d rows: ", len(c.Cut))
	default:
		fmt.Fprintf(&b, "; to break it, remove or make optional these %d rows (found by a greedy heuristic, there may be a smaller set): ", len(c.Cut))
	}
	for k, e := range c.Cut {
		if k == maxMessageSteps {
			fmt.Fprintf(&b, ", and %d more rows", len(c.Cut)-k)
			break
		}
		if k > 0 {
			b.WriteString(", ")
		}
		b.WriteString(describeRow(e))
	}
	return b.String()
}

// describeRow reads "B requires A (b.md:12)".
func describeRow(e Edge) string {
	return fmt.Sprintf("%s requires %s (%s:%d)", e.To, e.From, e.File, e.Line)
}

// statusWords spells a status for messages.
func statusWords(s parser.Status) string { return s.Text() }
