package graph

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/iterator"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/gonum/graph/topo"

	"github.com/workpackets/plan/parser"
)

// TestSCCsAsGonum: the graph's own Tarjan walk finds the components
// gonum's topo.TarjanSCC finds, in the same order (which numbers the
// components and orders the cut searches that share a budget), on random
// graphs dense and sparse, with self edges, long cycles and chains.
func TestSCCsAsGonum(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for round := range 300 {
		n := 1 + r.Intn(60)
		if round%50 == 0 {
			n = 3000 // deep walks
		}
		ps := make([]*parser.Packet, n)
		for i := range n {
			ps[i] = pkt(chainID(i))
		}
		edges := r.Intn(3 * n)
		for range edges {
			from, to := r.Intn(n), r.Intn(n)
			if round%3 == 0 && from > to && r.Intn(10) > 0 {
				from, to = to, from // mostly acyclic
			}
			req(chainID(from))(ps[to])
		}
		if round%50 == 0 {
			for i := 1; i < n; i++ {
				req(chainID(i - 1))(ps[i]) // a chain ...
			}
			req(chainID(n - 1))(ps[0]) // ... closed into one long cycle
		}
		g := New(ps)
		var got [][]int
		count := g.sccs(func(c int, members []int) {
			require.Equal(t, len(got), c)
			got = append(got, slices.Sorted(slices.Values(members)))
		})
		require.Equal(t, len(got), count)
		var want [][]int
		for _, scc := range topo.TarjanSCC(requiredGraph{g}) {
			var ms []int
			for _, v := range scc {
				ms = append(ms, int(v.ID()))
			}
			want = append(want, slices.Sorted(slices.Values(ms)))
		}
		require.Equal(t, want, got, "round %d: %d packets, %d rows", round, n, edges)
	}
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
