package schedule

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/workpackets/plan/parser"
)

// TestCPMReliableConstruction checks the textbook answer of Hillier &
// Lieberman, Introduction to Operations Research, "Reliable Construction
// Co.": expected durations 2,4,10,6,4,5,7,9,7,8,4,5,2,6 weeks; critical path
// A-B-C-E-F-J-L-N of 44 weeks; slack 4 for D, G, H, M, 2 for I, 1 for K and
// 0 on the critical path.
func TestCPMReliableConstruction(t *testing.T) {
	n := reliable(t)
	tm, cp, err := n.CPM()
	require.NoError(t, err)
	require.Len(t, tm, 14)

	wantDur := map[string]float64{"A": 2, "B": 4, "C": 10, "D": 6, "E": 4, "F": 5, "G": 7,
		"H": 9, "I": 7, "J": 8, "K": 4, "L": 5, "M": 2, "N": 6}
	wantSlack := map[string]float64{"D": 4, "G": 4, "H": 4, "M": 4, "I": 2, "K": 1}
	for i, x := range tm {
		assert.Equal(t, n.Tasks[i].ID, x.ID, "timings are in network order")
		assert.InDelta(t, wantDur[x.ID], x.Duration, 1e-12, x.ID)
		assert.InDelta(t, wantSlack[x.ID], x.Slack, 1e-9, x.ID)
		assert.InDelta(t, x.LatestStart-x.EarliestStart, x.Slack, 1e-9, x.ID)
		assert.InDelta(t, x.EarliestFinish-x.EarliestStart, x.Duration, 1e-12, x.ID)
		assert.GreaterOrEqual(t, x.Slack, 0.0)
	}
	// Published ES/LS for a few activities (same source): C starts at 6,
	// J at 25 with LS 25, N at 38 and finishes at 44; M has ES 38, LS 42.
	byID := map[string]Timing{}
	for _, x := range tm {
		byID[x.ID] = x
	}
	assert.Equal(t, 6.0, byID["C"].EarliestStart)
	assert.Equal(t, 25.0, byID["J"].EarliestStart)
	assert.Equal(t, 38.0, byID["N"].EarliestStart)
	assert.Equal(t, 44.0, byID["N"].LatestFinish)
	assert.Equal(t, 38.0, byID["M"].EarliestStart)
	assert.Equal(t, 42.0, byID["M"].LatestStart)

	assert.Equal(t, []string{"A", "B", "C", "E", "F", "J", "L", "N"}, cp.IDs)
	assert.InDelta(t, 44, cp.Expected, 1e-12)
	// All lows: A1 B2 C6 then max(E1+F4, I3)=5, J3, max(K4,L1)=4, N5 = 26.
	assert.InDelta(t, 26, cp.Optimistic, 1e-12)
	// All highs: A3 B8 C18 (=29); D10+G11+H17+M3 = 41 -> 70;
	// E5+F10 vs I9 -> 15, J9, K4 vs L7 -> 7, N9 -> 29+15+9+7+9 = 69. So 70.
	assert.InDelta(t, 70, cp.Pessimistic, 1e-12)
}

// TestCPMTiesByID: two equal parallel chains; the critical path takes the
// smallest ID at every step.
func TestCPMTiesByID(t *testing.T) {
	n := build(t, []spec{
		{id: "Z", low: 2, likely: -1, hi: 2},
		{id: "Y", low: 2, likely: -1, hi: 2},
		{id: "X", low: 2, likely: -1, hi: 4, preds: []string{"Z", "Y"}},
		{id: "B", low: 3, likely: -1, hi: 3, preds: []string{"Y"}},
	})
	tm, cp, err := n.CPM()
	require.NoError(t, err)
	assert.Equal(t, []string{"Y", "B"}, cp.IDs)
	assert.InDelta(t, 5, cp.Expected, 1e-12)
	for _, x := range tm {
		assert.Zero(t, x.Slack, x.ID)
	}
}

func TestCPMEmpty(t *testing.T) {
	tm, cp, err := (&Network{}).CPM()
	require.NoError(t, err)
	assert.Empty(t, tm)
	assert.Equal(t, CriticalPath{IDs: []string{}}, cp)
}

func TestCPMSlackNeverNegative(t *testing.T) {
	// Durations with float noise (0.1 + 0.2 != 0.3).
	n := build(t, []spec{
		{id: "A", low: 0.1, likely: -1, hi: 0.1},
		{id: "B", low: 0.2, likely: -1, hi: 0.2, preds: []string{"A"}},
		{id: "C", low: 0.3, likely: -1, hi: 0.3},
		{id: "D", low: 0.7, likely: -1, hi: 0.7, preds: []string{"B", "C"}},
	})
	tm, cp, err := n.CPM()
	require.NoError(t, err)
	for _, x := range tm {
		assert.GreaterOrEqual(t, x.Slack, 0.0, x.ID)
		assert.Less(t, x.Slack, 1e-9, x.ID)
	}
	assert.Equal(t, []string{"A", "B", "D"}, cp.IDs)
}

func TestCPMErrors(t *testing.T) {
	e := parser.Effort{Low: 1, High: 2}
	tests := []struct {
		name string
		net  Network
		want string
	}{
		{"cycle", Network{Tasks: []Task{{ID: "A", Effort: e, Preds: []int{1}}, {ID: "B", Effort: e, Preds: []int{0}}, {ID: "C", Effort: e}}}, "cycle among A, B"},
		{"self", Network{Tasks: []Task{{ID: "A", Effort: e, Preds: []int{0}}}}, "cycle among A"},
		{"range", Network{Tasks: []Task{{ID: "A", Effort: e, Preds: []int{1}}}}, "out of range"},
		{"negative", Network{Tasks: []Task{{ID: "A", Effort: e, Preds: []int{-1}}}}, "out of range"},
		{"dup", Network{Tasks: []Task{{ID: "A", Effort: e}, {ID: "A", Effort: e}}}, "duplicate task ID"},
		{"inverted", Network{Tasks: []Task{{ID: "A", Effort: parser.Effort{Low: 3, High: 2}}}}, "above high"},
		{"nan", Network{Tasks: []Task{{ID: "A", Effort: parser.Effort{Low: 1, High: nan()}}}}, "finite"},
		{"likely", Network{Tasks: []Task{{ID: "A", Effort: parser.Effort{Low: 1, High: 2, Likely: 5, HasLikely: true}}}}, "outside"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tc.net.CPM()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	var nilNet *Network
	_, _, err := nilNet.CPM()
	assert.Error(t, err)
}

// TestCPMLongChain: a 100,000-task chain (issue 4) must not overflow the
// stack; everything is iterative.
func TestCPMLongChain(t *testing.T) {
	const n = 100_000
	net := &Network{Tasks: make([]Task, n)}
	for i := range net.Tasks {
		net.Tasks[i] = Task{ID: fmt.Sprintf("C-%06d", i), Effort: parser.Effort{Low: 1, High: 1}}
		if i > 0 {
			net.Tasks[i].Preds = []int{i - 1}
		}
	}
	tm, cp, err := net.CPM()
	require.NoError(t, err)
	assert.Len(t, cp.IDs, n)
	assert.Equal(t, float64(n), cp.Expected)
	assert.Equal(t, float64(n-1), tm[n-1].EarliestStart)

	// The reverse numbering (preds point forward) must work too.
	for i := range net.Tasks {
		net.Tasks[i].Preds = nil
		if i < n-1 {
			net.Tasks[i].Preds = []int{i + 1}
		}
	}
	_, cp, err = net.CPM()
	require.NoError(t, err)
	assert.Len(t, cp.IDs, n)
	assert.Equal(t, "C-099999", cp.IDs[0])
}

func BenchmarkCPM(b *testing.B) {
	net := layered(10_000, 100, 3, 1)
	edges := 0
	for _, t := range net.Tasks {
		edges += len(t.Preds)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := net.CPM(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(edges), "ns/edge")
}

// TestCPMLatestIsEarliestOnTheCriticalPath: on a chain of 0.1 + 0.1 + 0.7
// days the backward pass subtracts from 0.9000000000000001 and gave the
// first task a latest start of -5.6e-17 (printed as -0 before the formats
// rounded it away): a task with no slack may start no later than its
// earliest start, exactly. A side task keeps its real slack.
func TestCPMLatestIsEarliestOnTheCriticalPath(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 0.1, likely: -1, hi: 0.1},
		{id: "B", low: 0.1, likely: -1, hi: 0.1, preds: []string{"A"}},
		{id: "C", low: 0.7, likely: -1, hi: 0.7, preds: []string{"B"}},
		{id: "S", low: 0.3, likely: -1, hi: 0.3, preds: []string{"A"}},
	})
	tm, cp, err := n.CPM()
	require.NoError(t, err)
	require.Equal(t, []string{"A", "B", "C"}, cp.IDs)
	for _, x := range tm[:3] {
		assert.Equal(t, x.EarliestStart, x.LatestStart, "%s: latest start", x.ID)
		assert.Equal(t, x.EarliestFinish, x.LatestFinish, "%s: latest finish", x.ID)
		assert.Zero(t, x.Slack, x.ID)
	}
	assert.Equal(t, 0.0, tm[0].LatestStart, "A may start at day 0 at the latest")
	assert.False(t, math.Signbit(tm[0].LatestStart), "A's latest start is 0, not -0 or below")
	s := tm[3]
	assert.Equal(t, tm[2].LatestFinish, s.LatestFinish, "S may finish when C must")
	assert.InDelta(t, 0.5, s.Slack, 1e-12, "S: 0.9 - 0.1 - 0.3 days of slack")
	assert.Equal(t, s.LatestStart-s.EarliestStart, s.Slack, "S's slack is its latest start less its earliest")
}
