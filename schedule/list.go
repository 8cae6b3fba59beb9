package schedule

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/workpackets/plan/parser"
)

// Assignment is one task's place in a team schedule.
type Assignment struct {
	ID string
	// Person is the team member doing the task, 1..Team.
	Person int
	// Start and Finish are working days from day 0.
	Start, Finish float64
	// Sprint is the 1-based sprint in which the task starts, filled in by
	// [Schedule.AssignSprints]; 0 until then.
	Sprint int
}

// Sprint is one sprint of a team schedule.
type Sprint struct {
	// Number is 1-based; sprint k covers working days [(k-1)*L, k*L).
	Number int
	// IDs are the tasks starting in this sprint, in schedule order.
	IDs []string
	// Effort is the sum of the durations of the tasks starting in it (a
	// task that runs past the sprint's end still counts here whole).
	Effort float64
	// Capacity is team size x sprint length, in person-days.
	Capacity float64
}

// Schedule is a deterministic list schedule of a network on a team.
type Schedule struct {
	// Team is the number of people.
	Team int
	// Makespan is the finish of the last task (0 for an empty network).
	Makespan float64
	// LowerBound is max(critical path length, total work / Team): no
	// schedule of this team can finish earlier, so Makespan / LowerBound
	// says how good this one is.
	LowerBound float64
	// Assignments are sorted by (Start, Person).
	Assignments []Assignment
	// Sprints are filled in by [Schedule.AssignSprints]: every sprint from
	// 1 to the last one in which a task starts, empty ones included.
	Sprints []Sprint
}

// ListSchedule builds the team schedule with expected durations
// (parser.Effort.Expected). It is a non-pre-emptive list schedule, one
// person per task:
//
//   - In-progress tasks go first: they are ready at day 0 whatever their
//     predecessors (the work has begun) and are taken before any other task.
//   - Any other task is ready when all its predecessors have finished.
//   - Whenever people are free, the ready task with the smallest
//     (Rank, LatestFinish from [Network.CPM], ID) starts, on the free person
//     with the smallest number.
//
// Team must be at least 1. A team larger than the number of tasks is a
// team of that many people (Schedule.Team says so): no one else could
// ever have work.
func (n *Network) ListSchedule(team int) (*Schedule, error) {
	if team < 1 {
		return nil, fmt.Errorf("schedule: team size must be at least 1, got %d", team)
	}
	c, err := n.compile()
	if err != nil {
		return nil, err
	}
	team = usefulTeam(team, c.n)
	tm, cp := c.cpm(n.Tasks)
	l := newLister(c, n.Tasks, tm, team)
	d := c.durations(n.Tasks, parser.Effort.Expected)
	makespan := l.run(d)

	total := 0.0
	for _, x := range d {
		total += x
	}
	s := &Schedule{
		Team:        team,
		Makespan:    makespan,
		LowerBound:  math.Max(cp.Expected, total/float64(team)),
		Assignments: make([]Assignment, c.n),
	}
	for p, i := range c.order {
		s.Assignments[p] = Assignment{
			ID:     n.Tasks[i].ID,
			Person: int(l.person[p]) + 1,
			Start:  l.start[p],
			Finish: l.start[p] + d[p],
		}
	}
	sort.SliceStable(s.Assignments, func(i, j int) bool {
		a, b := s.Assignments[i], s.Assignments[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.Person < b.Person
	})
	return s, nil
}

// usefulTeam is team cut to the number of tasks (and at least 1): the
// lister allocates per person, so a team of 2^63-1 must not reach it.
func usefulTeam(team, tasks int) int {
	return max(1, min(team, tasks))
}

// maxSprints bounds the number of sprints AssignSprints will create.
const maxSprints = 1_000_000

// AssignSprints sets each assignment's Sprint to the sprint in which it
// starts, with sprints of length working days (sprint k covers
// [(k-1)*length, k*length); a start within 1e-9 days below a boundary counts
// as on it), and fills s.Sprints.
func (s *Schedule) AssignSprints(length float64) error {
	if !(length > 0) || math.IsInf(length, 0) {
		return fmt.Errorf("schedule: sprint length must be a positive number of days, got %g", length)
	}
	if s.Team < 1 {
		return errors.New("schedule: schedule has no team")
	}
	last := 0
	for i := range s.Assignments {
		k := math.Floor(s.Assignments[i].Start/length+1e-9) + 1
		if k > maxSprints {
			return fmt.Errorf("schedule: more than %d sprints of %g days", maxSprints, length)
		}
		s.Assignments[i].Sprint = int(k)
		last = max(last, int(k))
	}
	s.Sprints = make([]Sprint, last)
	for k := range s.Sprints {
		s.Sprints[k] = Sprint{Number: k + 1, IDs: []string{}, Capacity: float64(s.Team) * length}
	}
	for _, a := range s.Assignments {
		sp := &s.Sprints[a.Sprint-1]
		sp.IDs = append(sp.IDs, a.ID)
		sp.Effort += a.Finish - a.Start
	}
	return nil
}

// lister is the reusable, allocation-free core of the list scheduler; the
// simulation keeps one per worker.
type lister struct {
	c      *compiled
	team   int
	prio   []int32 // by position: index in (in-progress first, Rank, LF, ID) order
	inProg []bool  // by position

	// scratch, by position
	waiting []int32   // unfinished predecessors
	start   []float64 // start time
	finish  []float64 // finish time
	person  []int32   // person index, 0-based
	cause   []int32   // position of the task whose finish let this one start, or -1
	last    []int32   // by person: position of the last task started
	ready   minHeap   // positions, by prio
	free    minHeap   // person indices
	running []event   // heap by (finish, person)
}

// event is a running task.
type event struct {
	finish float64
	person int32
	pos    int32
}

func newLister(c *compiled, tasks []Task, tm []Timing, team int) *lister {
	l := &lister{
		c:       c,
		team:    team,
		prio:    make([]int32, c.n),
		inProg:  make([]bool, c.n),
		waiting: make([]int32, c.n),
		start:   make([]float64, c.n),
		finish:  make([]float64, c.n),
		person:  make([]int32, c.n),
		cause:   make([]int32, c.n),
		last:    make([]int32, team),
		free:    minHeap{items: make([]int32, 0, team)},
		running: make([]event, 0, team),
	}
	l.ready = minHeap{items: make([]int32, 0, c.n), key: l.prio}
	byPrio := make([]int32, c.n)
	for p := range byPrio {
		byPrio[p] = int32(p)
		l.inProg[p] = tasks[c.order[p]].InProgress
	}
	sort.Slice(byPrio, func(a, b int) bool {
		ta, tb := &tasks[c.order[byPrio[a]]], &tasks[c.order[byPrio[b]]]
		if ta.InProgress != tb.InProgress {
			return ta.InProgress
		}
		if ta.Rank != tb.Rank {
			return ta.Rank < tb.Rank
		}
		la, lb := tm[c.order[byPrio[a]]].LatestFinish, tm[c.order[byPrio[b]]].LatestFinish
		if la != lb {
			return la < lb
		}
		return ta.ID < tb.ID
	})
	for k, p := range byPrio {
		l.prio[p] = int32(k)
	}
	return l
}

// run schedules durations d (by position) and returns the makespan. Start,
// finish, person and cause are left in the scratch arrays.
func (l *lister) run(d []float64) float64 {
	c := l.c
	l.ready.items = l.ready.items[:0]
	l.free.items = l.free.items[:0]
	l.running = l.running[:0]
	for k := 0; k < l.team; k++ {
		l.free.items = append(l.free.items, int32(k)) // ascending: already a heap
		l.last[k] = -1
	}
	for p := 0; p < c.n; p++ {
		l.waiting[p] = c.predStart[p+1] - c.predStart[p]
		if l.waiting[p] == 0 || l.inProg[p] {
			l.ready.push(int32(p))
		}
	}
	t, end := 0.0, 0.0
	for {
		for len(l.free.items) > 0 && len(l.ready.items) > 0 {
			p := l.ready.pop()
			k := l.free.pop()
			l.start[p] = t
			l.finish[p] = t + d[p]
			l.person[p] = k
			l.cause[p] = l.causeOf(p, t, k)
			l.last[k] = p
			l.pushRunning(event{finish: t + d[p], person: k, pos: p})
		}
		if len(l.running) == 0 {
			break
		}
		t = l.running[0].finish
		end = t
		for len(l.running) > 0 && l.running[0].finish == t {
			e := l.popRunning()
			l.free.push(e.person)
			for _, s := range c.succs[c.succStart[e.pos]:c.succStart[e.pos+1]] {
				l.waiting[s]--
				if l.waiting[s] == 0 && !l.inProg[s] {
					l.ready.push(s)
				}
			}
		}
	}
	return end
}

// causeOf names the task whose finish at t let position p start on person
// k: a predecessor finishing at t if there is one, else the task person k
// had just finished; -1 at day 0.
func (l *lister) causeOf(p int32, t float64, k int32) int32 {
	if t == 0 {
		return -1
	}
	if l.inProg[p] {
		// Ready from day 0 whatever its predecessors: only a person can
		// have held it back.
		return l.last[k]
	}
	c := l.c
	for _, q := range c.preds[c.predStart[p]:c.predStart[p+1]] {
		if l.finish[q] == t && l.start[q] <= t {
			return q
		}
	}
	return l.last[k]
}

// minHeap is a binary min-heap of int32 ordered by key[x], or by x itself
// when key is nil. It is hand-written so that the hot loop does not
// allocate (container/heap boxes every element in an interface).
type minHeap struct {
	items []int32
	key   []int32
}

func (h *minHeap) rank(x int32) int32 {
	if h.key == nil {
		return x
	}
	return h.key[x]
}

func (h *minHeap) push(x int32) {
	items := append(h.items, x)
	for i := len(items) - 1; i > 0; {
		up := (i - 1) / 2
		if h.rank(items[up]) <= h.rank(items[i]) {
			break
		}
		items[up], items[i] = items[i], items[up]
		i = up
	}
	h.items = items
}

func (h *minHeap) pop() int32 {
	items := h.items
	top := items[0]
	n := len(items) - 1
	items[0] = items[n]
	items = items[:n]
	for i := 0; ; {
		m, a, b := i, 2*i+1, 2*i+2
		if a < n && h.rank(items[a]) < h.rank(items[m]) {
			m = a
		}
		if b < n && h.rank(items[b]) < h.rank(items[m]) {
			m = b
		}
		if m == i {
			break
		}
		items[m], items[i] = items[i], items[m]
		i = m
	}
	h.items = items
	return top
}

func (e event) less(f event) bool {
	if e.finish != f.finish {
		return e.finish < f.finish
	}
	return e.person < f.person
}

func (l *lister) pushRunning(e event) {
	h := append(l.running, e)
	for i := len(h) - 1; i > 0; {
		up := (i - 1) / 2
		if !h[i].less(h[up]) {
			break
		}
		h[up], h[i] = h[i], h[up]
		i = up
	}
	l.running = h
}

func (l *lister) popRunning() event {
	h := l.running
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for i := 0; ; {
		m, a, b := i, 2*i+1, 2*i+2
		if a < n && h[a].less(h[m]) {
			m = a
		}
		if b < n && h[b].less(h[m]) {
			m = b
		}
		if m == i {
			break
		}
		h[m], h[i] = h[i], h[m]
		i = m
	}
	l.running = h
	return top
}
