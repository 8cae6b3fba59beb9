// Package change compares plans across git revisions: the difference
// between the plan at a revision and the working tree (plan diff), the
// plan's trend over the commits that touched a folder (plan history), and
// calibration evidence from when packets started and finished
// (--calibrate=git).
package change

import (
	"math"
	"slices"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// Range is a low, expected and high number of working days, unrounded:
// each format rounds once as it prints.
type Range struct {
	Low      float64 `json:"low"`
	Expected float64 `json:"expected"`
	High     float64 `json:"high"`
}

// rounded is r to two decimals, as the JSON formats print days.
func (r Range) rounded() Range { return Range{round2(r.Low), round2(r.Expected), round2(r.High)} }

// round2 keeps two decimals, the rounding of days in the diff's and the
// history's JSON (see plan help json); noise just below zero is 0, never
// -0. Only the JSON writers call it: the values themselves keep full
// precision, so that text, Markdown and CSV round once, with graph.Days,
// as every other format does (5.249 days read 5.3 when it was rounded to
// 5.25 first).
func round2(x float64) float64 {
	r := math.Round(x*100) / 100
	if r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}

// Counts are the packets by status.
type Counts struct {
	NotStarted int `json:"not_started"`
	InProgress int `json:"in_progress"`
	Complete   int `json:"complete"`
	Cancelled  int `json:"cancelled"`
}

// Total is the number of packets.
func (c Counts) Total() int { return c.NotStarted + c.InProgress + c.Complete + c.Cancelled }

// Snapshot is what plan diff and plan history know about one version of a
// folder, computed once.
type Snapshot struct {
	Set   *parser.Set
	Graph *graph.Graph
	// ByID maps IDs to packets.
	ByID   map[string]*parser.Packet
	Counts Counts
	// Remaining is the sum over unfinished packets of their remaining
	// effort.
	Remaining Range
	// Critical is the critical path with expected durations.
	Critical schedule.CriticalPath
	// Cycles are the cycles, each as its sorted member IDs joined by " ".
	Cycles []string
	// Errors are the error problems other than cycles.
	Errors []parser.Problem
	// Blocked are the IDs of blocked unfinished packets.
	Blocked map[string]bool
	// P50 and P80 are the forecast finish in working days; Forecast is
	// false when none was asked for.
	Forecast bool
	P50, P80 float64
}

// Analyze computes the snapshot of set. With forecast set, a Monte Carlo
// simulation runs with sim (the same options for every snapshot, so that
// two snapshots differ by the work, not the dice).
func Analyze(set *parser.Set, forecast bool, sim schedule.SimOptions) (*Snapshot, error) {
	g := graph.New(set.Packets)
	s := &Snapshot{Set: set, Graph: g, ByID: map[string]*parser.Packet{}, Blocked: map[string]bool{}}
	for _, p := range set.Packets {
		s.ByID[p.ID] = p
		switch p.Status {
		case parser.InProgress:
			s.Counts.InProgress++
		case parser.Complete:
			s.Counts.Complete++
		case parser.Cancelled:
			s.Counts.Cancelled++
		default:
			s.Counts.NotStarted++
		}
		if p.Status != parser.Complete && p.Status != parser.Cancelled {
			r := p.Remaining()
			s.Remaining.Low += r.Low
			s.Remaining.Expected += r.Expected()
			s.Remaining.High += r.High
		}
	}
	net := schedule.NetworkFromGraph(g)
	_, cp, err := net.CPM()
	if err != nil {
		return nil, err
	}
	s.Critical = cp
	for _, c := range g.Cycles() {
		s.Cycles = append(s.Cycles, strings.Join(c.IDs, " "))
	}
	slices.Sort(s.Cycles)
	problems := append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(problems)
	for _, p := range problems {
		if p.Severity == parser.Error && p.Code != parser.CodeCycle {
			s.Errors = append(s.Errors, p)
		}
	}
	for _, b := range g.Blocked() {
		s.Blocked[b.ID] = true
	}
	if forecast && len(net.Tasks) > 0 {
		sim.Percentiles = []float64{50, 80}
		est, err := net.Simulate(sim)
		if err != nil {
			return nil, err
		}
		s.Forecast = true
		s.P50, s.P80 = est.Percentiles[0].Days, est.Percentiles[1].Days
	} else if forecast {
		s.Forecast = true
	}
	return s, nil
}
