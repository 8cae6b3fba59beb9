package report

import (
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// Analysis is everything the commands print, computed once per run.
type Analysis struct {
	Set   *parser.Set
	Graph *graph.Graph
	// Timings are the critical path method's times of the unfinished
	// packets, in ID order (the network's).
	Timings  []schedule.Timing
	Critical schedule.CriticalPath
	Waves    [][]string
	// Blocked is nil when AnalyzeStreaming left it out (plan --json,
	// plan order): such an analysis goes only to writers that read the
	// list through eachBlocked or blockedRecords, or not at all.
	Blocked  []graph.Blocked
	Ready    []string
	Problems []parser.Problem
	// timingAt[i] is the index in Timings of the packet at graph index i,
	// -1 for a finished one; lf[i] is its latest finish (0 when
	// finished), the build order's tie-break; onPath[i] says it is on
	// Critical. All three are by graph index, so that a lookup is no map
	// of IDs, and a plan of 100,000 packets holds three arrays rather
	// than three maps.
	timingAt []int
	lf       []float64
	onPath   []bool
	// blockedLater says Blocked was left out (AnalyzeStreaming): the
	// writers compute each record as they write it.
	blockedLater bool
}

// Analyze builds the graph of set's packets and everything derived from
// it: the critical path method's timings, the waves, the blocked and ready
// lists and the sorted problems. It fails only when the critical path
// method cannot schedule the plan.
func Analyze(set *parser.Set) (*Analysis, error) { return analyze(set, true) }

// AnalyzeStreaming is Analyze without the blocked list, for a writer that
// goes through it once, in order (WriteReportJSON): Blocked is nil, and
// the writer computes each record as it writes it. At 100,000 packets the
// list is ~18 MB, live for the whole run on top of the Set; without it
// plan --json stays within the soft memory limit.
func AnalyzeStreaming(set *parser.Set) (*Analysis, error) { return analyze(set, false) }

// analyze is Analyze, with the blocked list or without it.
func analyze(set *parser.Set, withBlocked bool) (*Analysis, error) {
	g := graph.New(set.Packets)
	a := &Analysis{Set: set, Graph: g, blockedLater: !withBlocked}
	// The blocked list reads only the graph, and costs as much as the
	// rest: on a second core it is computed while the rest is.
	blocked := make(chan []graph.Blocked, 1)
	if withBlocked {
		go func() { blocked <- g.Blocked() }()
	} else {
		blocked <- nil
	}
	timings, cp, err := schedule.NetworkFromGraph(g).CPM()
	if err != nil {
		<-blocked
		return nil, err
	}
	a.Timings, a.Critical = timings, cp
	n := g.Len()
	a.timingAt = make([]int, n)
	a.lf = make([]float64, n)
	// The timings are the unfinished packets in ID order, as the graph's
	// indices are: one walk pairs them.
	k := 0
	for i := range n {
		a.timingAt[i] = -1
		if k < len(timings) && timings[k].ID == g.PacketAt(i).ID {
			a.timingAt[i] = k
			a.lf[i] = timings[k].LatestFinish
			k++
		}
	}
	a.onPath = make([]bool, n)
	for _, id := range cp.IDs {
		if i, ok := g.Index(id); ok {
			a.onPath[i] = true
		}
	}
	a.Waves = g.Waves()
	a.Ready = ids(g, g.ReadyIndices(a.lf)) // sorted as order sorts
	a.Problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.Problems)
	a.Blocked = <-blocked
	return a, nil
}

// AnalyzeProblems is Analyze for the commands that print only problems
// (check) and for estimate, which reads the graph alone: it builds the
// graph and the problems and leaves the schedule, the waves and the
// blocked and ready lists empty, which at 100,000 packets is most of the
// memory the analysis holds. The network is still
// checked, so that a plan the critical path method cannot schedule fails
// check as it fails every other command.
func AnalyzeProblems(set *parser.Set) (*Analysis, error) {
	g := graph.New(set.Packets)
	if err := schedule.NetworkFromGraph(g).Validate(); err != nil {
		return nil, err
	}
	a := &Analysis{Set: set, Graph: g}
	a.Problems = append(append([]parser.Problem(nil), set.Problems...), g.Problems()...)
	parser.SortProblems(a.Problems)
	return a, nil
}

// blockedRecords is Blocked, computed now when the analysis left it out.
func (a *Analysis) blockedRecords() []graph.Blocked {
	if a.blockedLater {
		return a.Graph.Blocked()
	}
	return a.Blocked
}

// eachBlocked yields the records of Blocked in order; when the analysis
// left the list out, each is computed in turn, its lists valid only
// until the loop's body returns (graph.Graph.BlockedSeq).
func (a *Analysis) eachBlocked() iter.Seq[graph.Blocked] {
	if a.blockedLater {
		return a.Graph.BlockedSeq()
	}
	return slices.Values(a.Blocked)
}

// Order is the build order of unfinished packets, or of all packets.
func (a *Analysis) Order(all bool) []string { return ids(a.Graph, a.orderIndices(all)) }

// orderIndices is Order as graph indices.
func (a *Analysis) orderIndices(all bool) []int { return a.Graph.OrderIndices(a.lf, all) }

// ids are the IDs of the packets at graph indices is.
func ids(g *graph.Graph, is []int) []string {
	out := make([]string, len(is))
	for k, i := range is {
		out[k] = g.PacketAt(i).ID
	}
	return out
}

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
	i, ok := a.Graph.Index(id)
	if !ok {
		return false, true // no timing: a slack of 0
	}
	return a.onPathAt(i)
}

// onPathAt is OnCriticalPath of the packet at graph index i.
func (a *Analysis) onPathAt(i int) (onPath, zeroSlack bool) {
	if a.onPath != nil && a.onPath[i] {
		return true, false
	}
	t, _ := a.timingOf(i)
	return false, round(t.Slack) == 0
}

// timingOf is the timing of the packet at graph index i, and whether it
// has one (it is unfinished).
func (a *Analysis) timingOf(i int) (schedule.Timing, bool) {
	if a.timingAt == nil || a.timingAt[i] < 0 {
		return schedule.Timing{}, false
	}
	return a.Timings[a.timingAt[i]], true
}

// PictureOptions is what the pictures (--dot, --format mermaid) draw
// besides the graph: the critical path and every packet's times, so that
// every zero-slack chain is marked.
func (a *Analysis) PictureOptions(allEdges bool) graph.PictureOptions {
	opts := graph.PictureOptions{Critical: a.Critical.IDs, Timings: make(map[string]graph.Timing, len(a.Timings)), AllEdges: allEdges}
	for _, t := range a.Timings {
		opts.Timings[t.ID] = graph.Timing{EarliestStart: t.EarliestStart, EarliestFinish: t.EarliestFinish, Slack: t.Slack}
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
