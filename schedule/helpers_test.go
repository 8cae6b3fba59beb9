package schedule

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/workpackets/plan/parser"
)

// spec is a compact task description for tests: three-point effort
// (low, likely, high; likely < 0 means none) and predecessor IDs.
type spec struct {
	id              string
	low, likely, hi float64
	preds           []string
	rank            int
	inProgress      bool
}

// build turns specs into a Network, resolving predecessor IDs.
func build(t testing.TB, specs []spec) *Network {
	t.Helper()
	idx := map[string]int{}
	for i, s := range specs {
		idx[s.id] = i
	}
	n := &Network{}
	for _, s := range specs {
		e := parser.Effort{Low: s.low, High: s.hi}
		if s.likely >= 0 {
			e.Likely, e.HasLikely = s.likely, true
		}
		task := Task{ID: s.id, Effort: e, Rank: s.rank, InProgress: s.inProgress}
		for _, p := range s.preds {
			j, ok := idx[p]
			require.True(t, ok, "unknown pred %s", p)
			task.Preds = append(task.Preds, j)
		}
		n.Tasks = append(n.Tasks, task)
	}
	return n
}

// reliable is the "Reliable Construction Co." project of Hillier &
// Lieberman, Introduction to Operations Research (chapter "Project
// Management with PERT/CPM", three-point estimates in weeks, Table 22.4 in
// the 9th edition): optimistic o, most likely m, pessimistic p.
func reliable(t testing.TB) *Network {
	return build(t, []spec{
		{id: "A", low: 1, likely: 2, hi: 3},
		{id: "B", low: 2, likely: 3.5, hi: 8, preds: []string{"A"}},
		{id: "C", low: 6, likely: 9, hi: 18, preds: []string{"B"}},
		{id: "D", low: 4, likely: 5.5, hi: 10, preds: []string{"C"}},
		{id: "E", low: 1, likely: 4.5, hi: 5, preds: []string{"C"}},
		{id: "F", low: 4, likely: 4, hi: 10, preds: []string{"E"}},
		{id: "G", low: 5, likely: 6.5, hi: 11, preds: []string{"D"}},
		{id: "H", low: 5, likely: 8, hi: 17, preds: []string{"E", "G"}},
		{id: "I", low: 3, likely: 7.5, hi: 9, preds: []string{"C"}},
		{id: "J", low: 3, likely: 9, hi: 9, preds: []string{"F", "I"}},
		{id: "K", low: 4, likely: 4, hi: 4, preds: []string{"J"}},
		{id: "L", low: 1, likely: 5.5, hi: 7, preds: []string{"J"}},
		{id: "M", low: 1, likely: 2, hi: 3, preds: []string{"H"}},
		{id: "N", low: 5, likely: 5.5, hi: 9, preds: []string{"K", "L"}},
	})
}

// layered generates a seeded random layered DAG: layers of width tasks,
// each task (after the first layer) with 1..2*avgPreds-1 predecessors drawn
// from the previous few layers, and efforts of 1..10 days with a spread.
func layered(n, width, avgPreds int, seed uint64) *Network {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	net := &Network{Tasks: make([]Task, n)}
	for i := range net.Tasks {
		low := 0.5 + float64(r.IntN(10))
		hi := low * (1.2 + 2*r.Float64())
		task := Task{ID: fmt.Sprintf("GEN-%05d", i), Effort: parser.Effort{Low: low, High: hi}, Rank: r.IntN(5)}
		layer := i / width
		if layer > 0 {
			lo := (layer - 3) * width
			if lo < 0 {
				lo = 0
			}
			k := 1 + r.IntN(2*avgPreds-1)
			for j := 0; j < k; j++ {
				task.Preds = append(task.Preds, lo+r.IntN(layer*width-lo))
			}
		}
		net.Tasks[i] = task
	}
	return net
}

func nan() float64 { var z float64; return z / z }
