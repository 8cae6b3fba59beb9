package report

import (
	"fmt"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// Analysis is everything the commands print, computed once per run.
type Analysis struct {
	Set      *parser.Set
	Graph    *graph.Graph
	Timings  map[string]schedule.Timing // unfinished packets only
	Critical schedule.CriticalPath
	// LF is each unfinished packet's latest finish, the build order's
	// tie-break.
	LF       map[string]float64
	Waves    [][]string
	Blocked  []graph.Blocked
	Ready    []string
	Problems []parser.Problem
	// onPath holds the IDs of Critical, for OnCriticalPath.
	onPath map[string]bool
}

// Analyze builds the graph of set's packets and everything derived from
// it: the critical path method's timings, the waves, the blocked and ready
// lists and the sorted problems. It fails only when the critical path
// method cannot schedule the plan.
func Analyze(set *parser.Set) (*Analysis, error) {
	g := graph.New(set.Packets)
	a := &Analysis{Set: set, Graph: g, Timings: map[string]schedule.Timing{}, LF: map[string]float64{}}
	timings, cp, err := schedule.NetworkFromGraph(g).CPM()
	if err != nil {
		return nil, err
	}
	for _, t := range timings {
		a.Timings[t.ID] = t
		a.LF[t.ID] = t.LatestFinish
	}
	a.Critical = cp
	a.onPath = make(map[string]bool, len(cp.IDs))
	for _, id := range cp.IDs {
		a.onPath[id] = true
	}
	a.Waves = g.Waves()
	a.Blocked = g.Blocked()
	a.Ready = g.ReadyBy(a.LF) // sorted as order sorts
	a.Problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.Problems)
	return a, nil
}

// AnalyzeProblems is Analyze for the commands that print only problems
// (check): it builds the graph and the problems and leaves the schedule,
// the waves and the blocked and ready lists empty, which at 100,000
// packets is most of the memory the analysis holds. The critical path
// method still runs, and its result is dropped, so that a plan it cannot
// schedule fails check as it fails every other command.
func AnalyzeProblems(set *parser.Set) (*Analysis, error) {
	g := graph.New(set.Packets)
	if _, _, err := schedule.NetworkFromGraph(g).CPM(); err != nil {
		return nil, err
	}
	a := &Analysis{Set: set, Graph: g}
	a.Problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.Problems)
	return a, nil
}

// Order is the build order of unfinished packets, or of all packets.
func (a *Analysis) Order(all bool) []string { return a.Graph.Order(a.LF, all) }

// OrderByWave is the build order split by wave: each wave's packets in
// build order.
func (a *Analysis) OrderByWave() [][]string {
	waveOf := a.waveOf()
	byWave := make([][]string, len(a.Waves))
	for _, id := range a.Order(false) {
		if i, ok := waveOf[id]; ok {
			byWave[i] = append(byWave[i], id)
		}
	}
	return byWave
}

// waveOf maps each unfinished packet to its wave.
func (a *Analysis) waveOf() map[string]int {
	waveOf := map[string]int{}
	for i, wave := range a.Waves {
		for _, id := range wave {
			waveOf[id] = i
		}
	}
	return waveOf
}

// Title is the title of the packet id, "" when no packet has it.
func (a *Analysis) Title(id string) string {
	if p := a.Graph.Packet(id); p != nil {
		return p.Title
	}
	return ""
}

// OnCriticalPath says whether id is on the critical path, and otherwise
// whether it has zero slack too (it lies on another chain just as long; the
// path shown is the one ties by ID pick).
func (a *Analysis) OnCriticalPath(id string) (onPath, zeroSlack bool) {
	if a.onPath[id] {
		return true, false
	}
	return false, round(a.Timings[id].Slack) == 0
}

// PictureOptions is what the pictures (--dot, --format mermaid) draw
// besides the graph: the critical path and every packet's times, so that
// every zero-slack chain is marked.
func (a *Analysis) PictureOptions(allEdges bool) graph.PictureOptions {
	opts := graph.PictureOptions{Critical: a.Critical.IDs, Timings: make(map[string]graph.Timing, len(a.Timings)), AllEdges: allEdges}
	for id, t := range a.Timings {
		opts.Timings[id] = graph.Timing{EarliestStart: t.EarliestStart, EarliestFinish: t.EarliestFinish, Slack: t.Slack}
	}
	return opts
}

// Counts returns the number of error and warning problems.
func (a *Analysis) Counts() (errors, warnings int) { return CountProblems(a.Problems) }

// CountProblems returns the number of error and warning problems.
func CountProblems(ps []parser.Problem) (errors, warnings int) {
	for _, p := range ps {
		if p.Severity == parser.Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// CycleHint follows CycleLines: what the answer did with the cycles and
// where to learn how to break them.
const CycleHint = "the answer above places each cycle's members together; 'plan check' says which rows to remove or make optional"

// CycleLines are the plan's cycles, one line each for standard error:
// "cycle: A -> B -> A (a.md:12)", at the cycle's first row; plan check's
// message says which rows to change.
func CycleLines(a *Analysis) []string {
	var lines []string
	for _, p := range a.Problems {
		if p.Code != parser.CodeCycle {
			continue
		}
		path, _, _ := strings.Cut(p.Message, ": ")
		lines = append(lines, fmt.Sprintf("cycle: %s (%s:%d)", clean(path), cleanPath(p.File), p.Line))
	}
	return lines
}
