package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

func TestCycles(t *testing.T) {
	tests := []struct {
		name    string
		packets []*parser.Packet
		want    []Cycle
	}{
		{
			name: "two-cycle",
			packets: []*parser.Packet{
				pkt("A", req("B")),
				pkt("B", req("A")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B"}, Path: []string{"A", "B", "A"}, Exact: true,
				Cut: []Edge{{From: "B", To: "A", File: "A.md", Line: 10}},
			}},
		},
		{
			name: "three-cycle",
			packets: []*parser.Packet{
				pkt("A", req("C")),
				pkt("B", req("A")),
				pkt("C", req("B")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B", "C"}, Path: []string{"A", "B", "C", "A"}, Exact: true,
				Cut: []Edge{{From: "C", To: "A", File: "A.md", Line: 10}},
			}},
		},
		{
			name: "self-dependency",
			packets: []*parser.Packet{
				pkt("A", req("B", "A")),
				pkt("B"),
			},
			want: []Cycle{{
				IDs: []string{"A"}, Path: []string{"A", "A"}, Exact: true,
				Cut: []Edge{{From: "A", To: "A", File: "A.md", Line: 11}},
			}},
		},
		{
			name: "two separate components",
			packets: []*parser.Packet{
				pkt("P", req("Q")),
				pkt("Q", req("P")),
				pkt("M", req("N")),
				pkt("N", req("O")),
				pkt("O", req("M")),
				pkt("Z", req("M", "P")),
			},
			want: []Cycle{
				{
					IDs: []string{"M", "N", "O"}, Path: []string{"M", "O", "N", "M"}, Exact: true,
					Cut: []Edge{{From: "N", To: "M", File: "M.md", Line: 10}},
				},
				{
					IDs: []string{"P", "Q"}, Path: []string{"P", "Q", "P"}, Exact: true,
					Cut: []Edge{{From: "Q", To: "P", File: "P.md", Line: 10}},
				},
			},
		},
		{
			name: "cycle with a tail on both sides",
			packets: []*parser.Packet{
				pkt("T0"),
				pkt("A", req("T0", "B")),
				pkt("B", req("A")),
				pkt("T1", req("B")),
				pkt("T2", req("T1")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B"}, Path: []string{"A", "B", "A"}, Exact: true,
				Cut: []Edge{{From: "B", To: "A", File: "A.md", Line: 11}},
			}},
		},
		{
			name: "every pair of three packets requires each other: three rows",
			packets: []*parser.Packet{
				pkt("A", req("B", "C")),
				pkt("B", req("A", "C")),
				pkt("C", req("A", "B")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B", "C"}, Path: []string{"A", "B", "A"}, Exact: true,
				Cut: []Edge{
					{From: "B", To: "A", File: "A.md", Line: 10},
					{From: "C", To: "A", File: "A.md", Line: 11},
					{From: "C", To: "B", File: "B.md", Line: 11},
				},
			}},
		},
		{
			name: "one row breaks two cycles through it",
			packets: []*parser.Packet{
				// A -> B -> C -> A and A -> B -> D -> A share A -> B.
				pkt("A", req("C", "D")),
				pkt("B", req("A")),
				pkt("C", req("B")),
				pkt("D", req("B")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B", "C", "D"}, Path: []string{"A", "B", "C", "A"}, Exact: true,
				Cut: []Edge{{From: "A", To: "B", File: "B.md", Line: 10}},
			}},
		},
		{
			name: "self-dependency inside a larger cycle",
			packets: []*parser.Packet{
				pkt("A", req("B")),
				pkt("B", req("A", "B")),
			},
			want: []Cycle{{
				IDs: []string{"A", "B"}, Path: []string{"A", "B", "A"}, Exact: true,
				Cut: []Edge{
					{From: "B", To: "A", File: "A.md", Line: 10},
					{From: "B", To: "B", File: "B.md", Line: 11},
				},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(tt.packets)
			got := g.Cycles()
			assert.Equal(t, tt.want, got)
			for _, c := range got {
				requirePathIsCycle(t, g, c)
			}
			requireAcyclicDAG(t, g)
		})
	}
}

// requirePathIsCycle checks that every step of the path is a required row
// and that the path returns to where it started.
func requirePathIsCycle(t *testing.T, g *Graph, c Cycle) {
	t.Helper()
	require.GreaterOrEqual(t, len(c.Path), 2)
	assert.Equal(t, c.Path[0], c.Path[len(c.Path)-1])
	for k := 0; k+1 < len(c.Path); k++ {
		assert.Contains(t, g.Requires(c.Path[k+1]), c.Path[k], "%s does not require %s", c.Path[k+1], c.Path[k])
	}
}

func TestCycleProblem(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("A", file("a/A.md"), req("C")),
		pkt("B", file("b/B.md"), req("A")),
		pkt("C", file("c/C.md"), req("B")),
	})
	assert.Equal(t, []parser.Problem{{
		Severity: parser.Error,
		Code:     parser.CodeCycle,
		File:     "b/B.md",
		Line:     10,
		Packet:   "B",
		Ref:      "A",
		Message: "A -> B -> C -> A: B requires A (b/B.md:10), C requires B (c/C.md:10), A requires C (a/A.md:10); " +
			"to break it, remove or make optional the row A requires C (a/A.md:10)",
	}}, g.Problems())
}

func TestLargeComponentCut(t *testing.T) {
	t.Run("a ring of 14 needs one row, which is then known to be the fewest", func(t *testing.T) {
		var ps []*parser.Packet
		const n = 14
		for i := range n {
			ps = append(ps, pkt(chainID(i), req(chainID((i+n-1)%n))))
		}
		g := New(ps)
		cs := g.Cycles()
		require.Len(t, cs, 1)
		assert.True(t, cs[0].Exact)
		assert.Equal(t, []Edge{{From: chainID(n - 1), To: chainID(0), File: chainID(0) + ".md", Line: 10}}, cs[0].Cut)
		requireAcyclicDAG(t, g)
	})
	t.Run("two rings of 8 through one packet: greedy, then proven by search", func(t *testing.T) {
		// Ring 1: 0 -> 1 -> ... -> 7 -> 0; ring 2: 0 -> 8 -> ... -> 14 -> 0.
		// 16 rows: greedy finds two, and no single row breaks both rings.
		byID := map[int]*parser.Packet{}
		for i := 0; i < 15; i++ {
			byID[i] = pkt(chainID(i))
		}
		link := func(from, to int) { req(chainID(from))(byID[to]) }
		for i := 0; i < 7; i++ {
			link(i, i+1)
		}
		link(7, 0)
		link(0, 8)
		for i := 8; i < 14; i++ {
			link(i, i+1)
		}
		link(14, 0)
		var ps []*parser.Packet
		for i := 0; i < 15; i++ {
			ps = append(ps, byID[i])
		}
		g := New(ps)
		cs := g.Cycles()
		require.Len(t, cs, 1)
		assert.True(t, cs[0].Exact)
		assert.Len(t, cs[0].Cut, 2, "one row per ring")
		requireAcyclicDAG(t, g)
	})
	t.Run("twelve packets all requiring each other: greedy, and the message says so", func(t *testing.T) {
		// 132 rows; any cut keeps at most one row of each pair, so at
		// least 66 go, too many subsets to rule out a smaller one.
		const n = 12
		var ps []*parser.Packet
		for i := range n {
			p := pkt(chainID(i))
			for j := range n {
				if j != i {
					req(chainID(j))(p)
				}
			}
			ps = append(ps, p)
		}
		g := New(ps)
		cs := g.Cycles()
		require.Len(t, cs, 1)
		assert.False(t, cs[0].Exact)
		assert.Len(t, cs[0].Cut, n*(n-1)/2)
		requireAcyclicDAG(t, g)
		probs := g.Problems()
		require.Len(t, probs, 1)
		assert.Contains(t, probs[0].Message, "these 66 rows (found by a greedy heuristic, there may be a smaller set): ")
	})
}
