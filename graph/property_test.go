package graph

import (
	"fmt"
	"math/bits"
	"math/rand"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// randomPackets builds a seeded random packet set with every status, some
// priorities, self and unknown references, optional rows and cycles.
func randomPackets(r *rand.Rand) []*parser.Packet {
	n := 1 + r.Intn(25)
	density := r.Float64() * 0.25
	ps := make([]*parser.Packet, n)
	for i := range n {
		ps[i] = pkt(fmt.Sprintf("R-%02d", i), pri(r.Intn(5)-1))
		ps[i].Status = parser.Status(r.Intn(3))
	}
	for i := range n {
		for j := range n {
			switch x := r.Float64(); {
			case x < density:
				req(ps[j].ID)(ps[i])
			case x < density*1.3:
				optional(ps[j].ID)(ps[i])
			}
		}
		if r.Intn(10) == 0 {
			req("UNKNOWN-1")(ps[i])
		}
	}
	r.Shuffle(n, func(a, b int) { ps[a], ps[b] = ps[b], ps[a] })
	return ps
}

func TestRandomGraphs(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for run := 0; run < 300; run++ {
		ps := randomPackets(r)
		t.Run(fmt.Sprint(run), func(t *testing.T) {
			g := New(ps)
			checkGraph(t, g)

			// Same packets in another order: same answers.
			shuffled := slices.Clone(ps)
			r.Shuffle(len(shuffled), func(a, b int) { shuffled[a], shuffled[b] = shuffled[b], shuffled[a] })
			h := New(shuffled)
			assert.Equal(t, g.Order(nil, true), h.Order(nil, true))
			assert.Equal(t, g.Cycles(), h.Cycles())
			assert.Equal(t, g.Blocked(), h.Blocked())
		})
	}
}

// checkGraph compares the graph's answers with brute-force ones.
func checkGraph(t *testing.T, g *Graph) {
	ids := []string{}
	pos := map[string]int{}
	for i, p := range g.Packets() {
		ids = append(ids, p.ID)
		pos[p.ID] = i
	}
	n := len(ids)
	unfinished := func(id string) bool { return g.Packet(id).Status != parser.Complete }

	// reach[a][b]: b transitively requires a (a path a -> ... -> b).
	reach := make([][]bool, n)
	for a := range reach {
		reach[a] = make([]bool, n)
	}
	for _, id := range ids {
		for _, d := range g.Requires(id) {
			reach[pos[d]][pos[id]] = true
		}
	}
	for k := range n {
		for a := range n {
			for b := range n {
				reach[a][b] = reach[a][b] || reach[a][k] && reach[k][b]
			}
		}
	}

	// Cycles: exactly the nodes on a cycle, grouped by mutual reachability.
	inCycle := map[string]string{} // member -> first member of its cycle
	for _, c := range g.Cycles() {
		requirePathIsCycle(t, g, c)
		for _, id := range c.IDs {
			inCycle[id] = c.IDs[0]
		}
		if c.Exact && internalEdges(g, c.IDs) <= 16 {
			assert.Equal(t, bruteMinCut(g, c.IDs), len(c.Cut), "cut of %v is not minimal", c.IDs)
		}
	}
	for a := range n {
		for b := range n {
			together := inCycle[ids[a]] != "" && inCycle[ids[a]] == inCycle[ids[b]]
			mutual := reach[a][b] && reach[b][a]
			require.Equal(t, mutual, together, "%s and %s", ids[a], ids[b])
		}
	}
	dagPos := requireAcyclicDAG(t, g)
	_ = dagPos

	// Effective priority: best over the packet and its transitive dependents.
	for a := range n {
		want := g.Packet(ids[a]).Priority
		for b := range n {
			if reach[a][b] {
				want = better(want, g.Packet(ids[b]).Priority)
			}
		}
		assert.Equal(t, want, g.EffectivePriority(ids[a]), ids[a])
	}

	// Order: every included packet once, DAG edges respected, cycles
	// contiguous.
	for _, all := range []bool{false, true} {
		order := g.Order(nil, all)
		at := map[string]int{}
		for k, id := range order {
			at[id] = k
		}
		require.Len(t, at, len(order), "duplicates in %v", order)
		for _, id := range ids {
			_, placed := at[id]
			require.Equal(t, all || unfinished(id), placed, id)
			if !placed {
				continue
			}
			for _, d := range g.DAGRequires(id) {
				if _, ok := at[d]; ok {
					require.Less(t, at[d], at[id], "%s placed after %s, which requires it", d, id)
				}
			}
		}
		for _, c := range g.Cycles() {
			var where []int
			for _, id := range c.IDs {
				if k, ok := at[id]; ok {
					where = append(where, k)
				}
			}
			if len(where) > 0 {
				require.Equal(t, len(where)-1, slices.Max(where)-slices.Min(where), "cycle %v split in %v", c.IDs, order)
			}
		}
	}

	// Waves: a partition of the unfinished packets by depth.
	wave := map[string]int{}
	for k, w := range g.Waves() {
		require.NotEmpty(t, w)
		require.True(t, slices.IsSorted(w))
		for _, id := range w {
			_, dup := wave[id]
			require.False(t, dup, id)
			wave[id] = k
		}
	}
	for _, id := range ids {
		k, ok := wave[id]
		require.Equal(t, unfinished(id), ok, id)
		if !ok {
			continue
		}
		deepest := -1
		for _, d := range g.DAGRequires(id) {
			if unfinished(d) {
				require.Less(t, wave[d], k)
				deepest = max(deepest, wave[d])
			}
		}
		require.Equal(t, deepest+1, k, id)
	}

	// Blocked and ready: a partition of the unfinished packets.
	blocked := map[string]Blocked{}
	for _, b := range g.Blocked() {
		blocked[b.ID] = b
	}
	ready := g.Ready()
	for _, id := range ready {
		_, isBlocked := blocked[id]
		require.False(t, isBlocked, id)
	}
	require.Equal(t, len(ready)+len(blocked), len(wave), "ready and blocked cover the unfinished packets")
	for id, b := range blocked {
		for _, w := range b.WaitsOn {
			assert.Contains(t, g.WaitingOn(w), id)
		}
	}
}

// bruteMinCut is the size of the smallest set of rows among members whose
// removal leaves them acyclic, by trying all subsets as bit masks.
func bruteMinCut(g *Graph, members []string) int {
	var edges [][2]string
	selfs := 0
	for _, to := range members {
		for _, from := range g.Requires(to) {
			switch {
			case from == to:
				selfs++
			case slices.Contains(members, from):
				edges = append(edges, [2]string{from, to})
			}
		}
	}
	best := len(edges)
	for mask := 0; mask < 1<<len(edges); mask++ {
		size := bits.OnesCount(uint(mask))
		if size >= best {
			continue
		}
		indeg := map[string]int{}
		out := map[string][]string{}
		for k, e := range edges {
			if mask&(1<<k) == 0 {
				indeg[e[1]]++
				out[e[0]] = append(out[e[0]], e[1])
			}
		}
		var queue []string
		for _, m := range members {
			if indeg[m] == 0 {
				queue = append(queue, m)
			}
		}
		seen := 0
		for ; len(queue) > 0; seen++ {
			v := queue[0]
			queue = queue[1:]
			for _, w := range out[v] {
				if indeg[w]--; indeg[w] == 0 {
					queue = append(queue, w)
				}
			}
		}
		if seen == len(members) {
			best = size
		}
	}
	return best + selfs
}

// internalEdges counts the required rows among members.
func internalEdges(g *Graph, members []string) int {
	k := 0
	for _, to := range members {
		for _, from := range g.Requires(to) {
			if slices.Contains(members, from) {
				k++
			}
		}
	}
	return k
}
