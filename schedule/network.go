package schedule

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/workpackets/plan/parser"
)

// Task is one unfinished packet to schedule.
type Task struct {
	// ID names the task in results and breaks ties; IDs must be unique.
	ID string
	// Effort is the remaining effort in working days (Low..High, optional
	// Likely). Low <= Likely <= High, all finite and not negative.
	Effort parser.Effort
	// Preds are indices into Network.Tasks of the tasks that must finish
	// before this one starts.
	Preds []int
	// Rank is the effective priority rank (0 = P0 ... 4 = none), used to
	// break ties in the list schedule: smaller ranks start first.
	Rank int
	// InProgress marks work already begun: the team schedule starts it
	// first, at day 0.
	InProgress bool
}

// Network is the set of tasks to schedule. It must be acyclic.
type Network struct {
	Tasks []Task
	// uniqueIDs says that the tasks' IDs are known to differ (they are a
	// graph's packets), so compile need not build a map of them to check.
	uniqueIDs bool
}

// CycleError is returned when the network's predecessor lists form a cycle.
type CycleError struct {
	// IDs are the tasks that could not be ordered (the cycle members and
	// the tasks downstream of them), sorted.
	IDs []string
}

// Error implements error.
func (e *CycleError) Error() string {
	const show = 10
	ids := e.IDs
	more := ""
	if len(ids) > show {
		more = fmt.Sprintf(" (and %d more)", len(ids)-show)
		ids = ids[:show]
	}
	return fmt.Sprintf("schedule: network has a cycle among %s%s", strings.Join(ids, ", "), more)
}

// compiled is a validated network renumbered in topological order: task at
// position p is Tasks[order[p]], and every predecessor position is < p.
// Adjacency is stored flat (CSR) so the hot loops do not chase pointers.
type compiled struct {
	n         int
	order     []int32 // position -> task index
	pos       []int32 // task index -> position
	predStart []int32 // len n+1; preds of position p are preds[predStart[p]:predStart[p+1]]
	preds     []int32 // predecessor positions
	succStart []int32 // len n+1
	succs     []int32 // successor positions
	sinks     []int32 // positions without successors
	edges     int
}

// validEffort reports a malformed effort range, or nil.
func validEffort(e parser.Effort) error {
	bad := func(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) || x < 0 }
	switch {
	case bad(e.Low) || bad(e.High):
		return fmt.Errorf("effort %g-%g is not a finite, non-negative range", e.Low, e.High)
	case e.Low > e.High:
		return fmt.Errorf("effort low %g is above high %g", e.Low, e.High)
	case e.HasLikely && (bad(e.Likely) || e.Likely < e.Low || e.Likely > e.High):
		return fmt.Errorf("most-likely effort %g is outside %g-%g", e.Likely, e.Low, e.High)
	}
	return nil
}

// compile validates the network and builds its topological form with Kahn's
// algorithm (FIFO, seeded in index order, so the order is deterministic).
func (n *Network) compile() (*compiled, error) {
	if n == nil {
		return nil, errors.New("schedule: nil network")
	}
	tasks := n.Tasks
	if len(tasks) >= math.MaxInt32 {
		return nil, fmt.Errorf("schedule: too many tasks (%d)", len(tasks))
	}
	var seen map[string]int
	if !n.uniqueIDs {
		seen = make(map[string]int, len(tasks))
	}
	edges := 0
	for i := range tasks {
		t := &tasks[i]
		if seen != nil {
			if j, dup := seen[t.ID]; dup {
				return nil, fmt.Errorf("schedule: duplicate task ID %q (tasks %d and %d)", t.ID, j, i)
			}
			seen[t.ID] = i
		}
		if err := validEffort(t.Effort); err != nil {
			return nil, fmt.Errorf("schedule: task %q: %v", t.ID, err)
		}
		for _, p := range t.Preds {
			if p < 0 || p >= len(tasks) {
				return nil, fmt.Errorf("schedule: task %q: predecessor index %d out of range [0,%d)", t.ID, p, len(tasks))
			}
		}
		edges += len(t.Preds)
	}
	if edges >= math.MaxInt32 {
		return nil, fmt.Errorf("schedule: too many edges (%d)", edges)
	}
	nt := len(tasks)
	// Successor lists by task index.
	succStartT := make([]int32, nt+1)
	for i := range tasks {
		for _, p := range tasks[i].Preds {
			succStartT[p+1]++
		}
	}
	for i := 0; i < nt; i++ {
		succStartT[i+1] += succStartT[i]
	}
	succT := make([]int32, edges)
	fill := make([]int32, nt)
	copy(fill, succStartT[:nt])
	indeg := make([]int32, nt)
	for i := range tasks {
		for _, p := range tasks[i].Preds {
			succT[fill[p]] = int32(i)
			fill[p]++
		}
		indeg[i] = int32(len(tasks[i].Preds))
	}
	order := make([]int32, 0, nt)
	for i := 0; i < nt; i++ {
		if indeg[i] == 0 {
			order = append(order, int32(i))
		}
	}
	for h := 0; h < len(order); h++ {
		v := order[h]
		for _, s := range succT[succStartT[v]:succStartT[v+1]] {
			indeg[s]--
			if indeg[s] == 0 {
				order = append(order, s)
			}
		}
	}
	if len(order) != nt {
		var ids []string
		for i := 0; i < nt; i++ {
			if indeg[i] > 0 {
				ids = append(ids, tasks[i].ID)
			}
		}
		sort.Strings(ids)
		return nil, &CycleError{IDs: ids}
	}
	c := &compiled{n: nt, order: order, pos: make([]int32, nt), edges: edges}
	for p, i := range order {
		c.pos[i] = int32(p)
	}
	c.predStart = make([]int32, nt+1)
	c.preds = make([]int32, 0, edges)
	c.succStart = make([]int32, nt+1)
	c.succs = make([]int32, 0, edges)
	for p, i := range order {
		for _, q := range tasks[i].Preds {
			c.preds = append(c.preds, c.pos[q])
		}
		c.predStart[p+1] = int32(len(c.preds))
		for _, s := range succT[succStartT[i]:succStartT[i+1]] {
			c.succs = append(c.succs, c.pos[s])
		}
		c.succStart[p+1] = int32(len(c.succs))
		if succStartT[i] == succStartT[i+1] {
			c.sinks = append(c.sinks, int32(p))
		}
	}
	return c, nil
}

// durations returns f(effort) for every task, by position.
func (c *compiled) durations(tasks []Task, f func(parser.Effort) float64) []float64 {
	d := make([]float64, c.n)
	for p, i := range c.order {
		d[p] = f(tasks[i].Effort)
	}
	return d
}

// forward computes earliest starts and finishes by position for durations
// d, and returns the project length (the latest finish, 0 when empty).
func (c *compiled) forward(d, es, ef []float64) float64 {
	end := 0.0
	for p := 0; p < c.n; p++ {
		s := 0.0
		for _, q := range c.preds[c.predStart[p]:c.predStart[p+1]] {
			if ef[q] > s {
				s = ef[q]
			}
		}
		es[p] = s
		ef[p] = s + d[p]
		if ef[p] > end {
			end = ef[p]
		}
	}
	return end
}

// longest returns the longest path length with durations d.
func (c *compiled) longest(d []float64) float64 {
	es := make([]float64, c.n)
	ef := make([]float64, c.n)
	return c.forward(d, es, ef)
}
