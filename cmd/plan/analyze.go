package main

import (
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// analysis is everything the commands print, computed once per run.
type analysis struct {
	set      *parser.Set
	graph    *graph.Graph
	timings  map[string]schedule.Timing // unfinished packets only
	critical schedule.CriticalPath
	lf       map[string]float64
	waves    [][]string
	blocked  []graph.Blocked
	ready    []string
	problems []parser.Problem
}

func analyze(set *parser.Set) (*analysis, error) {
	g := graph.New(set.Packets)
	a := &analysis{set: set, graph: g, timings: map[string]schedule.Timing{}, lf: map[string]float64{}}
	timings, cp, err := schedule.NetworkFromGraph(g).CPM()
	if err != nil {
		return nil, err
	}
	for _, t := range timings {
		a.timings[t.ID] = t
		a.lf[t.ID] = t.LatestFinish
	}
	a.critical = cp
	a.waves = g.Waves()
	a.blocked = g.Blocked()
	a.ready = g.Ready()
	a.problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.problems)
	return a, nil
}

// analyzeProblems is analyze for the commands that print only problems
// (check): it builds the graph and the problems and leaves the schedule,
// the waves and the blocked and ready lists empty, which at 100,000
// packets is most of the memory the analysis holds. The critical path
// method still runs, and its result is dropped, so that a plan it cannot
// schedule fails check as it fails every other command.
func analyzeProblems(set *parser.Set) (*analysis, error) {
	g := graph.New(set.Packets)
	if _, _, err := schedule.NetworkFromGraph(g).CPM(); err != nil {
		return nil, err
	}
	a := &analysis{set: set, graph: g}
	a.problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.problems)
	return a, nil
}

// order is the build order of unfinished packets, or of all packets.
func (a *analysis) order(all bool) []string { return a.graph.Order(a.lf, all) }

// orderByWave is the build order split by wave: each wave's packets in
// build order.
func (a *analysis) orderByWave() [][]string {
	waveOf := map[string]int{}
	for i, wave := range a.waves {
		for _, id := range wave {
			waveOf[id] = i
		}
	}
	byWave := make([][]string, len(a.waves))
	for _, id := range a.order(false) {
		if i, ok := waveOf[id]; ok {
			byWave[i] = append(byWave[i], id)
		}
	}
	return byWave
}

// onCriticalPath says whether id is on the critical path, and otherwise
// whether it has zero slack too (it lies on another chain just as long; the
// path shown is the one ties by ID pick).
func (a *analysis) onCriticalPath(id string) (onPath, zeroSlack bool) {
	for _, c := range a.critical.IDs {
		if c == id {
			return true, false
		}
	}
	return false, round(a.timings[id].Slack) == 0
}

// counts returns the number of error and warning problems.
func (a *analysis) counts() (errors, warnings int) { return countProblems(a.problems) }

// countProblems returns the number of error and warning problems.
func countProblems(ps []parser.Problem) (errors, warnings int) {
	for _, p := range ps {
		if p.Severity == parser.Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}
