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
	index := map[string]int{}
	var unfinished []*parser.Packet
	for _, p := range g.Packets() {
		if p.Status != parser.Complete && p.Status != parser.Cancelled {
			index[p.ID] = len(unfinished)
			unfinished = append(unfinished, p)
		}
	}
	n := &Network{Tasks: make([]Task, len(unfinished))}
	for i, p := range unfinished {
		t := Task{
			ID:         p.ID,
			Effort:     p.Remaining(),
			Rank:       g.EffectivePriority(p.ID).Rank(),
			InProgress: p.Status == parser.InProgress,
		}
		for _, dep := range g.DAGRequires(p.ID) {
			if j, ok := index[dep]; ok {
				t.Preds = append(t.Preds, j)
			}
		}
		n.Tasks[i] = t
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
