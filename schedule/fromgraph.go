package schedule

import (
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// NetworkFromGraph returns the unfinished packets of g (neither complete
// nor cancelled) as a Network: each
// task's effort is the packet's remaining effort, its predecessors are its
// unfinished required dependencies (cycle cuts removed, so the network is
// acyclic) and its rank is the packet's effective priority. Tasks are in ID
// order.
func NetworkFromGraph(g *graph.Graph) *Network {
	// task[i] is the task of the packet at graph index i, -1 for a
	// finished one; the graph's indices are in ID order, so are the tasks.
	task := make([]int, g.Len())
	count, edges := 0, 0
	for i := range task {
		task[i] = -1
		if p := g.PacketAt(i); p.Status != parser.Complete && p.Status != parser.Cancelled {
			task[i] = count
			count++
			edges += len(g.DAGRequiresAt(i))
		}
	}
	n := &Network{Tasks: make([]Task, count), uniqueIDs: true} // a graph keeps one packet per ID
	// Every task's predecessors are a piece of one array: one allocation,
	// not one per task.
	preds := make([]int, 0, edges)
	for i, k := range task {
		if k < 0 {
			continue
		}
		p := g.PacketAt(i)
		t := Task{
			ID:         p.ID,
			Effort:     p.Remaining(),
			Rank:       g.EffectivePriorityAt(i).Rank(),
			InProgress: p.Status == parser.InProgress,
		}
		start := len(preds)
		for _, dep := range g.DAGRequiresAt(i) {
			if j := task[dep]; j >= 0 {
				preds = append(preds, j)
			}
		}
		if len(preds) > start {
			t.Preds = preds[start:len(preds):len(preds)]
		}
		n.Tasks[k] = t
	}
	return n
}

// CalibrationRatios returns, for every complete packet that records an
// actual effort and has a positive expected estimate, actual / expected:
// the evidence `plan estimate --calibrate` resamples. They come in packet
// order.
func CalibrationRatios(packets []*parser.Packet) []float64 {
	var ratios []float64
	for _, p := range packets {
		if p.Status != parser.Complete || p.Actual == nil || p.Effort == nil {
			continue
		}
		if exp := p.Effort.Expected(); exp > 0 && *p.Actual > 0 {
			ratios = append(ratios, *p.Actual/exp)
		}
	}
	return ratios
}
