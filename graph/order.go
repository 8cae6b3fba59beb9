package graph

import (
	"cmp"
	"iter"
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
	return g.ids(g.OrderIndices(g.byIndex(latestFinish), all))
}

// byIndex is m's value for every packet, by index; nil for an empty m
// (every value 0).
func (g *Graph) byIndex(m map[string]float64) []float64 {
	if len(m) == 0 {
		return nil
	}
	out := make([]float64, len(g.packets))
	for i, p := range g.packets {
		out[i] = m[p.ID]
	}
	return out
}

// OrderIndices is [Graph.Order] by index: latestFinish[i] is the latest
// finish of the packet at index i of [Graph.Packets] (nil counts every one
// as 0), and the order is given as indices. It spares a caller that keeps
// its times by index a map of them, and the ordering a map lookup at each
// comparison.
func (g *Graph) OrderIndices(latestFinish []float64, all bool) []int {
	n := len(g.packets)
	include := make([]bool, n)
	for i := range n {
		include[i] = all || !g.done(i)
	}
	// Every included packet's place when all are sorted by the key (a
	// total order: ties end at the index): the heaps then compare places,
	// plain ints, not the key.
	byPlace := make([]int, 0, n)
	for i := range n {
		if include[i] {
			byPlace = append(byPlace, i)
		}
	}
	slices.SortFunc(byPlace, g.orderKey(latestFinish))
	place := make([]int, n)
	for k, i := range byPlace {
		place[i] = k
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
		if lead[c] < 0 || place[i] < place[lead[c]] {
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

	// The heaps hold places: a unit by its lead's, a member by its own.
	// The smallest place is the smallest key, so the order is the same
	// whatever heap holds the candidates.
	units := heapOf[int]{less: cmp.Less[int]}
	for c := range members {
		if lead[c] >= 0 && unitIn[c] == 0 {
			units.items = append(units.items, place[lead[c]])
		}
	}
	units.init()

	order := make([]int, 0, n)
	inner := heapOf[int]{less: cmp.Less[int]}
	for len(units.items) > 0 {
		c := g.comp[byPlace[units.pop()]]
		inner.items = inner.items[:0]
		for _, i := range members[c] {
			if include[i] && memberIn[i] == 0 {
				inner.items = append(inner.items, place[i])
			}
		}
		inner.init()
		for len(inner.items) > 0 {
			i := byPlace[inner.pop()]
			order = append(order, i)
			for _, j := range g.by[i] {
				if !include[j] {
					continue
				}
				d := g.comp[j]
				if d != c {
					if unitIn[d]--; unitIn[d] == 0 {
						units.push(place[lead[d]])
					}
					continue
				}
				if g.cut[edge{i, j}] {
					continue
				}
				if memberIn[j]--; memberIn[j] == 0 {
					inner.push(place[j])
				}
			}
		}
	}
	return order
}

// orderKey compares packets a and b by (effective priority,
// latestFinish, index), the order's and the ready list's sort;
// latestFinish is by index, nil for all 0.
func (g *Graph) orderKey(latestFinish []float64) func(a, b int) int {
	if latestFinish == nil {
		// Every latest finish 0: they never tell two packets apart.
		return func(a, b int) int {
			return cmp.Or(cmp.Compare(g.eff[a].Rank(), g.eff[b].Rank()), cmp.Compare(a, b))
		}
	}
	return func(a, b int) int {
		return cmp.Or(
			cmp.Compare(g.eff[a].Rank(), g.eff[b].Rank()),
			cmp.Compare(latestFinish[a], latestFinish[b]),
			cmp.Compare(a, b), // indices are in ID order
		)
	}
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
	var byWave [][]int
	for head := 0; head < len(queue); head++ {
		i := queue[head]
		for wave[i] >= len(byWave) {
			byWave = append(byWave, nil)
		}
		byWave[wave[i]] = append(byWave[wave[i]], i)
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
	// Indices are in ID order: sorted, they give each wave sorted by ID.
	waves := make([][]string, len(byWave))
	for k, w := range byWave {
		slices.Sort(w)
		waves[k] = g.ids(w)
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
	count := 0
	for i := range g.packets {
		if !g.done(i) && g.blocked(i) {
			count++
		}
	}
	// The list and its ID lists are allocated once each, not grown packet
	// by packet: at 100,000 packets the growing was most of what the
	// analysis allocated.
	out := make([]Blocked, 0, count)
	var ids idArena
	g.eachBlocked(&ids, func(b Blocked) bool {
		out = append(out, b)
		return true
	})
	return out
}

// BlockedSeq yields the records Blocked returns, in the same order, one
// at a time, without keeping them: a record's BlockedBy and WaitsOn share
// room with the next record's, so they are valid only until the loop's
// body returns. A writer that prints each record once (plan --json) needs
// no list of them: at 100,000 packets it is ~18 MB.
func (g *Graph) BlockedSeq() iter.Seq[Blocked] {
	return func(yield func(Blocked) bool) {
		var ids idArena
		ids.reuse = true
		g.eachBlocked(&ids, yield)
	}
}

// eachBlocked calls yield with the record of each blocked packet, in ID
// order, its ID lists taken from ids, until yield returns false.
func (g *Graph) eachBlocked(ids *idArena, yield func(Blocked) bool) {
	w := g.newWalker()
	for i, p := range g.packets {
		if g.done(i) || !g.blocked(i) {
			continue
		}
		ids.next()
		b := Blocked{ID: p.ID, ByStatus: p.StatusBlocked}
		unfinished := 0
		for _, from := range g.req[i] {
			if !g.done(from) {
				unfinished++
			}
		}
		b.BlockedBy = ids.take(unfinished)
		for _, from := range g.req[i] {
			if !g.done(from) {
				b.BlockedBy = append(b.BlockedBy, g.packets[from].ID)
			}
		}
		b.External = []string{}
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
		near, more := w.nearest(i, g.req, WaitsOnLimit)
		b.WaitsOn, b.WaitsOnTruncated = ids.take(len(near)), more
		for _, j := range near {
			b.WaitsOn = append(b.WaitsOn, g.packets[j].ID)
		}
		if !yield(b) {
			return
		}
	}
}

// idArena hands out lists of IDs carved from large arrays, so that many
// short lists cost a few allocations. With reuse, each record's lists
// (next starts a record) take the room of the record before.
type idArena struct {
	free  []string
	reuse bool
}

// next starts the lists of the next record.
func (a *idArena) next() {
	if a.reuse {
		a.free = a.free[:0]
	}
}

// take returns an empty list with room for k IDs (never nil): appending
// up to k IDs fills the room, one more moves the list out of the arena.
func (a *idArena) take(k int) []string {
	if k == 0 {
		return []string{}
	}
	if cap(a.free)-len(a.free) < k {
		a.free = make([]string, 0, max(k, 4096))
	}
	n := len(a.free)
	a.free = a.free[:n+k]
	return a.free[n : n : n+k]
}

// Ready returns the unfinished packets that are not blocked (in-progress
// ones included), sorted by effective priority, then ID.
func (g *Graph) Ready() []string { return g.ReadyBy(nil) }

// ReadyBy is Ready sorted as [Graph.Order] sorts: by (effective priority,
// latestFinish[id], ID), so a packet on the critical path comes before one
// of the same priority with slack. A missing latestFinish entry counts as 0.
func (g *Graph) ReadyBy(latestFinish map[string]float64) []string {
	return g.ids(g.ReadyIndices(g.byIndex(latestFinish)))
}

// ReadyIndices is [Graph.ReadyBy] by index, as [Graph.OrderIndices] is
// [Graph.Order].
func (g *Graph) ReadyIndices(latestFinish []float64) []int {
	ready := []int{}
	for i := range g.packets {
		if g.done(i) || g.blocked(i) {
			continue
		}
		ready = append(ready, i)
	}
	slices.SortFunc(ready, g.orderKey(latestFinish))
	return ready
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
