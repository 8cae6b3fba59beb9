package graph

import (
	"cmp"
	"container/heap"
	"slices"
)

// Order returns a build order: the unfinished packets (all packets when all
// is true) in dependency order, each after everything it requires.
//
// It is Kahn's algorithm: among the packets whose prerequisites are already
// placed, the next is the smallest by (effective priority, latestFinish[id],
// ID); a missing latestFinish entry counts as 0. Every cycle is one unit
// whose members sit together: the unit goes where its smallest member would,
// and inside it the members follow the edges left after the cut. Edges from
// packets outside the order (complete ones, unless all) are ignored.
func (g *Graph) Order(latestFinish map[string]float64, all bool) []string {
	n := len(g.packets)
	include := make([]bool, n)
	for i := range n {
		include[i] = all || !g.done(i)
	}
	key := func(a, b int) int {
		return cmp.Or(
			cmp.Compare(g.eff[a].Rank(), g.eff[b].Rank()),
			cmp.Compare(latestFinish[g.packets[a].ID], latestFinish[g.packets[b].ID]),
			cmp.Compare(a, b), // indices are in ID order
		)
	}

	// Units are components; unitIn counts edges into a unit from other
	// included units, memberIn counts edges inside a cyclic unit that
	// survive the cut.
	members := g.componentMembers()
	unitIn := make([]int, len(members))
	memberIn := make([]int, n)
	lead := make([]int, len(members)) // smallest member by key, or -1
	for c := range lead {
		lead[c] = -1
	}
	for i := range n {
		if !include[i] {
			continue
		}
		c := g.comp[i]
		if lead[c] < 0 || key(i, lead[c]) < 0 {
			lead[c] = i
		}
		for _, from := range g.req[i] {
			switch {
			case !include[from]:
			case g.comp[from] != c:
				unitIn[c]++
			case !g.cut[edge{from, i}]:
				memberIn[i]++
			}
		}
	}

	units := &intHeap{less: func(a, b int) bool { return key(lead[a], lead[b]) < 0 }}
	for c := range members {
		if lead[c] >= 0 && unitIn[c] == 0 {
			units.items = append(units.items, c)
		}
	}
	heap.Init(units)

	order := []string{}
	inner := &intHeap{less: func(a, b int) bool { return key(a, b) < 0 }}
	for units.Len() > 0 {
		c := heap.Pop(units).(int)
		inner.items = inner.items[:0]
		for _, i := range members[c] {
			if include[i] && memberIn[i] == 0 {
				inner.items = append(inner.items, i)
			}
		}
		heap.Init(inner)
		for inner.Len() > 0 {
			i := heap.Pop(inner).(int)
			order = append(order, g.packets[i].ID)
			for _, j := range g.by[i] {
				if !include[j] {
					continue
				}
				d := g.comp[j]
				if d != c {
					if unitIn[d]--; unitIn[d] == 0 {
						heap.Push(units, d)
					}
					continue
				}
				if g.cut[edge{i, j}] {
					continue
				}
				if memberIn[j]--; memberIn[j] == 0 {
					heap.Push(inner, j)
				}
			}
		}
	}
	return order
}

// intHeap is a container/heap of ints ordered by less.
type intHeap struct {
	items []int
	less  func(a, b int) bool
}

func (h *intHeap) Len() int           { return len(h.items) }
func (h *intHeap) Less(a, b int) bool { return h.less(h.items[a], h.items[b]) }
func (h *intHeap) Swap(a, b int)      { h.items[a], h.items[b] = h.items[b], h.items[a] }
func (h *intHeap) Push(x any)         { h.items = append(h.items, x.(int)) }
func (h *intHeap) Pop() any {
	x := h.items[len(h.items)-1]
	h.items = h.items[:len(h.items)-1]
	return x
}

// Waves groups the unfinished packets by depth: wave 0 holds those with no
// unfinished required dependency, wave k those whose unfinished
// dependencies are all in waves below k, at least one in wave k-1. The cut
// edges of cycles are ignored. Each wave is sorted by ID; the result is
// empty, never nil, when every packet is complete.
func (g *Graph) Waves() [][]string {
	n := len(g.packets)
	// Kahn's algorithm over the acyclic edges between unfinished packets.
	indeg := make([]int, n)
	var queue []int
	for i := range n {
		if g.done(i) {
			continue
		}
		for _, from := range g.dag[i] {
			if !g.done(from) {
				indeg[i]++
			}
		}
		if indeg[i] == 0 {
			queue = append(queue, i)
		}
	}
	wave := make([]int, n)
	waves := [][]string{}
	for head := 0; head < len(queue); head++ {
		i := queue[head]
		for wave[i] >= len(waves) {
			waves = append(waves, []string{})
		}
		waves[wave[i]] = append(waves[wave[i]], g.packets[i].ID)
		for _, j := range g.dagBy[i] {
			if g.done(j) {
				continue
			}
			wave[j] = max(wave[j], wave[i]+1)
			if indeg[j]--; indeg[j] == 0 {
				queue = append(queue, j)
			}
		}
	}
	for _, w := range waves {
		slices.Sort(w)
	}
	return waves
}

// WaitsOnLimit is the most packets [Graph.Blocked] lists in
// [Blocked.WaitsOn]. Listing every packet would make the result grow with
// the square of the length of a chain (five billion entries for a chain of
// 100,000 packets); [Graph.WaitingOn] lists everything for one packet.
const WaitsOnLimit = 10

// Blocked describes an unfinished packet that cannot start yet.
type Blocked struct {
	ID string
	// BlockedBy are the unfinished packets it directly requires, sorted.
	BlockedBy []string
	// External are the names of its blocking external dependencies, in
	// file order.
	External []string
	// Missing are the IDs it requires that no file has (dangling-ref
	// warnings), in file order: it cannot start until they exist. nil
	// when there are none.
	Missing []string
	// WaitsOn are the unfinished packets it waits on through one or more
	// required rows, each of which is unfinished, sorted. A member of a
	// cycle waits on itself. When there are more than WaitsOnLimit, WaitsOn
	// holds the WaitsOnLimit nearest (fewest rows away, ties broken by ID)
	// and WaitsOnTruncated is true.
	WaitsOn          []string
	WaitsOnTruncated bool
	// ByStatus is true when the packet's own Status says Blocked: it is
	// blocked even when no row says by what.
	ByStatus bool
}

// Blocked returns the unfinished packets that have an unfinished required
// dependency, a blocking external dependency, a required reference to an
// ID no file has, or a Status that says Blocked, sorted by ID. Its cost is
// bounded by WaitsOnLimit per blocked packet, not by the length of the
// chains behind it.
func (g *Graph) Blocked() []Blocked {
	out := []Blocked{}
	w := g.newWalker()
	for i, p := range g.packets {
		if g.done(i) {
			continue
		}
		b := Blocked{ID: p.ID, BlockedBy: []string{}, External: []string{}}
		for _, from := range g.req[i] {
			if !g.done(from) {
				b.BlockedBy = append(b.BlockedBy, g.packets[from].ID)
			}
		}
		for _, e := range p.Externals {
			if e.Blocking() {
				b.External = append(b.External, e.Name)
			}
		}
		for _, m := range p.Missing {
			if !slices.Contains(b.Missing, m.ID) {
				b.Missing = append(b.Missing, m.ID)
			}
		}
		b.ByStatus = p.StatusBlocked
		if len(b.BlockedBy) == 0 && len(b.External) == 0 && len(b.Missing) == 0 && !b.ByStatus {
			continue
		}
		near, more := w.nearest(i, g.req, WaitsOnLimit)
		b.WaitsOn, b.WaitsOnTruncated = g.ids(near), more
		out = append(out, b)
	}
	return out
}

// Ready returns the unfinished packets that are not blocked (in-progress
// ones included), sorted by effective priority, then ID.
func (g *Graph) Ready() []string { return g.ReadyBy(nil) }

// ReadyBy is Ready sorted as [Graph.Order] sorts: by (effective priority,
// latestFinish[id], ID), so a packet on the critical path comes before one
// of the same priority with slack. A missing latestFinish entry counts as 0.
func (g *Graph) ReadyBy(latestFinish map[string]float64) []string {
	var ready []int
	for i := range g.packets {
		if g.done(i) || g.blocked(i) {
			continue
		}
		ready = append(ready, i)
	}
	slices.SortFunc(ready, func(a, b int) int {
		return cmp.Or(
			cmp.Compare(g.eff[a].Rank(), g.eff[b].Rank()),
			cmp.Compare(latestFinish[g.packets[a].ID], latestFinish[g.packets[b].ID]),
			cmp.Compare(a, b),
		)
	})
	return g.ids(ready)
}

// blocked reports whether unfinished packet i is blocked.
func (g *Graph) blocked(i int) bool {
	for _, from := range g.req[i] {
		if !g.done(from) {
			return true
		}
	}
	for _, e := range g.packets[i].Externals {
		if e.Blocking() {
			return true
		}
	}
	return len(g.packets[i].Missing) > 0 || g.packets[i].StatusBlocked
}

// WaitingOn returns every unfinished packet that waits on id through one or
// more required rows between unfinished packets, sorted. It is empty when id
// is unknown or complete; it contains id itself when id is in a cycle.
func (g *Graph) WaitingOn(id string) []string {
	i, ok := g.index[id]
	if !ok || g.done(i) {
		return []string{}
	}
	return g.ids(g.newWalker().reach(i, g.by))
}

// walker finds what an unfinished packet reaches through unfinished
// packets, reusing its buffers between calls.
type walker struct {
	g     *Graph
	seen  []int
	stamp int
	stack []int
}

func (g *Graph) newWalker() *walker {
	return &walker{g: g, seen: make([]int, len(g.packets))}
}

// reach returns, sorted, the unfinished packets reachable from start in one
// or more steps along adj, stepping only through unfinished packets.
func (w *walker) reach(start int, adj [][]int) []int {
	w.stamp++
	var found []int
	w.stack = append(w.stack[:0], start)
	for len(w.stack) > 0 {
		u := w.stack[len(w.stack)-1]
		w.stack = w.stack[:len(w.stack)-1]
		for _, v := range adj[u] {
			if w.seen[v] == w.stamp || w.g.done(v) {
				continue
			}
			w.seen[v] = w.stamp
			found = append(found, v)
			w.stack = append(w.stack, v)
		}
	}
	slices.Sort(found)
	return found
}

// nearest is reach limited to the limit packets fewest steps from start
// (ties broken by index), sorted; more reports that reach would have found
// more. A breadth-first walk that stops at the level where the limit is
// passed, so its cost is bounded by the edges of at most limit packets. The
// result is valid until the next call.
func (w *walker) nearest(start int, adj [][]int, limit int) (found []int, more bool) {
	w.stamp++
	// q holds the packets found, level by level; q[lo:] is the last level.
	q := w.stack[:0]
	expand := func(u int) {
		for _, v := range adj[u] {
			if w.seen[v] != w.stamp && !w.g.done(v) {
				w.seen[v] = w.stamp
				q = append(q, v)
			}
		}
	}
	expand(start)
	for lo := 0; lo < len(q); {
		hi := len(q)
		slices.Sort(q[lo:hi])
		if hi > limit {
			q, more = q[:limit], true
			break
		}
		for _, u := range q[lo:hi] {
			expand(u)
		}
		lo = hi
	}
	w.stack = q
	slices.Sort(q)
	return q, more
}
