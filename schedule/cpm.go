package schedule

import (
	"math"

	"github.com/workpackets/plan/parser"
)

// Timing is one task's CPM result, in working days from day 0, computed
// with expected durations.
type Timing struct {
	ID string
	// Duration is the expected duration, parser.Effort.Expected.
	Duration float64
	// EarliestStart and EarliestFinish come from the forward pass.
	EarliestStart, EarliestFinish float64
	// LatestStart and LatestFinish are the latest times that do not delay
	// the project (backward pass from the project's expected length). A
	// task with no slack has its earliest times here, exactly.
	LatestStart, LatestFinish float64
	// Slack is LatestStart - EarliestStart; never negative (float noise
	// below 1e-9 of the project length is no slack: 0).
	Slack float64
}

// CriticalPath is the longest chain of the network.
type CriticalPath struct {
	// IDs is a zero-slack chain from a task starting at day 0 to a task
	// finishing at the project's end. Where several exist, the chain takes
	// the smallest ID at every step.
	IDs []string
	// Optimistic, Expected and Pessimistic are the longest path lengths of
	// the whole network with every task at its low, expected and high
	// duration. Each is computed independently, so under low or high
	// durations the longest path may differ from IDs.
	Optimistic, Expected, Pessimistic float64
}

// tolerance is the float noise allowed when comparing times in a network
// whose longest path is length.
func tolerance(length float64) float64 {
	return 1e-9 * math.Max(1, length)
}

// CPM runs the critical path method with expected durations. The timings
// are in Network order. It returns an error when the network is invalid
// (see [Network]).
func (n *Network) CPM() ([]Timing, CriticalPath, error) {
	c, err := n.compile()
	if err != nil {
		return nil, CriticalPath{}, err
	}
	tm, cp := c.cpm(n.Tasks)
	return tm, cp, nil
}

// Validate returns the error CPM would return, without computing the
// timings: for a caller that needs to know only that the network can be
// scheduled.
func (n *Network) Validate() error {
	_, err := n.compile()
	return err
}

// cpm is CPM on a compiled network.
func (c *compiled) cpm(tasks []Task) ([]Timing, CriticalPath) {
	d := c.durations(tasks, parser.Effort.Expected)
	es := make([]float64, c.n)
	ef := make([]float64, c.n)
	end := c.forward(d, es, ef)
	eps := tolerance(end)

	// Backward pass in reverse topological order. Subtracting the
	// durations back from end does not undo adding them up (0.1 + 0.1 +
	// 0.7 is 0.9000000000000001, less 0.7, 0.1 and 0.1 is -5.6e-17), so a
	// task whose slack is float noise gets its earliest times as its
	// latest, exactly, before its predecessors read them: no slack is 0,
	// never a latest start below the earliest.
	lf := make([]float64, c.n)
	ls := make([]float64, c.n)
	for p := c.n - 1; p >= 0; p-- {
		f := end
		for _, s := range c.succs[c.succStart[p]:c.succStart[p+1]] {
			if ls[s] < f {
				f = ls[s]
			}
		}
		lf[p] = f
		ls[p] = f - d[p]
		if ls[p]-es[p] < eps {
			ls[p], lf[p] = es[p], ef[p]
		}
	}

	timings := make([]Timing, c.n)
	slack := make([]float64, c.n)
	for p, i := range c.order {
		sl := ls[p] - es[p] // 0 or at least eps: see the backward pass
		slack[p] = sl
		timings[i] = Timing{
			ID:             tasks[i].ID,
			Duration:       d[p],
			EarliestStart:  es[p],
			EarliestFinish: ef[p],
			LatestStart:    ls[p],
			LatestFinish:   lf[p],
			Slack:          sl,
		}
	}

	cp := CriticalPath{
		IDs:         []string{},
		Optimistic:  c.longest(c.durations(tasks, func(e parser.Effort) float64 { return e.Low })),
		Expected:    end,
		Pessimistic: c.longest(c.durations(tasks, func(e parser.Effort) float64 { return e.High })),
	}
	// Walk a zero-slack chain: start at the smallest-ID critical task that
	// starts at day 0, then repeatedly take the smallest-ID critical
	// successor that starts when the current task finishes. A critical task
	// that does not end the project always has such a successor.
	cur := -1
	for p := 0; p < c.n; p++ {
		if slack[p] == 0 && es[p] <= eps && (cur < 0 || tasks[c.order[p]].ID < tasks[c.order[cur]].ID) {
			cur = p
		}
	}
	for cur >= 0 {
		cp.IDs = append(cp.IDs, tasks[c.order[cur]].ID)
		if end-ef[cur] <= eps {
			break
		}
		next := -1
		for _, s := range c.succs[c.succStart[cur]:c.succStart[cur+1]] {
			sp := int(s)
			if slack[sp] == 0 && math.Abs(es[sp]-ef[cur]) <= eps &&
				(next < 0 || tasks[c.order[sp]].ID < tasks[c.order[next]].ID) {
				next = sp
			}
		}
		cur = next
	}
	return timings, cp
}
