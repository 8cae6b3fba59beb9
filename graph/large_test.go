package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// These tests build the large inputs of the hostile-input list: they must
// finish quickly and without exhausting the stack.

func TestChainOf100000(t *testing.T) {
	const n = 100_000
	ps := make([]*parser.Packet, n)
	for i := range n {
		if i == 0 {
			ps[i] = pkt(chainID(i), pri(3))
		} else {
			ps[i] = pkt(chainID(i), pri(3), req(chainID(i-1)))
		}
	}
	ps[n-1].Priority = 0
	g := New(ps)

	assert.Empty(t, g.Cycles())
	assert.Empty(t, g.Problems())
	assert.Equal(t, parser.Priority(0), g.EffectivePriority(chainID(0)), "the last packet's P0 reaches the first")
	order := g.Order(nil, false)
	require.Len(t, order, n)
	for i, id := range order {
		if id != chainID(i) {
			require.Equal(t, chainID(i), id, "position %d", i)
		}
	}
	waves := g.Waves()
	require.Len(t, waves, n)
	assert.Equal(t, []string{chainID(n - 1)}, waves[n-1])
	assert.Equal(t, []string{chainID(0)}, g.Ready())
	assert.Len(t, g.WaitingOn(chainID(0)), n-1)

	// WaitsOn is bounded: listing all of it would be n²/2 entries.
	blocked := g.Blocked()
	require.Len(t, blocked, n-1)
	last := blocked[n-2]
	require.Equal(t, chainID(n-1), last.ID)
	assert.True(t, last.WaitsOnTruncated)
	want := make([]string, WaitsOnLimit)
	for k := range want {
		want[k] = chainID(n - 1 - WaitsOnLimit + k)
	}
	assert.Equal(t, want, last.WaitsOn, "the nearest packets, sorted")
	assert.False(t, blocked[WaitsOnLimit-1].WaitsOnTruncated, "the packet %d steps from the start lists all", WaitsOnLimit)
	assert.True(t, blocked[WaitsOnLimit].WaitsOnTruncated)
}

func TestCycleOf50000(t *testing.T) {
	const n = 50_000
	ps := make([]*parser.Packet, n)
	for i := range n {
		ps[i] = pkt(chainID(i), req(chainID((i+n-1)%n)))
	}
	g := New(ps)

	cs := g.Cycles()
	require.Len(t, cs, 1)
	c := cs[0]
	assert.Len(t, c.IDs, n)
	assert.Len(t, c.Path, n+1)
	assert.True(t, c.Exact)
	assert.Equal(t, []Edge{{From: chainID(n - 1), To: chainID(0), File: chainID(0) + ".md", Line: 10}}, c.Cut)
	requirePathIsCycle(t, g, c)

	probs := g.Problems()
	require.Len(t, probs, 1)
	assert.Contains(t, probs[0].Message, "(49950 more)", "the message spells out only the first steps")
	assert.Less(t, len(probs[0].Message), 10_000)

	order := g.Order(nil, false)
	require.Len(t, order, n)
	assert.Equal(t, chainID(0), order[0])
	assert.Equal(t, chainID(n-1), order[n-1])
	assert.Len(t, g.Waves(), n)
	assert.Empty(t, g.Ready())
	blocked := g.Blocked()
	require.Len(t, blocked, n)
	assert.Len(t, blocked[0].WaitsOn, WaitsOnLimit)
	assert.True(t, blocked[0].WaitsOnTruncated)
}

func TestTenThousandOnOne(t *testing.T) {
	const n = 10_000
	ps := []*parser.Packet{pkt("ROOT-1")}
	for i := range n {
		ps = append(ps, pkt(chainID(i), req("ROOT-1")))
	}
	g := New(ps)

	assert.Equal(t, []string{"ROOT-1"}, g.Ready())
	blocked := g.Blocked()
	require.Len(t, blocked, n)
	for _, b := range blocked {
		require.Equal(t, []string{"ROOT-1"}, b.WaitsOn)
	}
	assert.Len(t, g.WaitingOn("ROOT-1"), n)
	assert.Len(t, g.RequiredBy("ROOT-1"), n)
	waves := g.Waves()
	require.Len(t, waves, 2)
	assert.Len(t, waves[1], n)
	order := g.Order(nil, false)
	require.Len(t, order, n+1)
	assert.Equal(t, "ROOT-1", order[0])
}
