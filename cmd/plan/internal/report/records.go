package report

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// This file holds the records every format reads: a packet row, a blocked
// entry and a timing are each built by one function here, so text,
// markdown, CSV and JSON cannot disagree about them. The formats only
// quote and lay them out.

// Packet is one packet as the formats show it.
type Packet struct {
	ID, Title string
	File      string
	Line      int
	// Priority is the packet's own; EffectivePriority is the most urgent
	// of its own and those of the packets that wait on it.
	Priority, EffectivePriority parser.Priority
	Status                      parser.Status
	Progress                    *int
	// Effort is the estimate (nil without one); Remaining is what is left
	// of it (zero when done).
	Effort    *parser.Effort
	Remaining parser.Effort
	Actual    *float64
	// Requires and Optional are the IDs of the rows, each once.
	Requires, Optional []string
	Externals          []parser.External
}

// Packet is the record of the packet id; only the ID is set when no packet
// has it.
func (a *Analysis) Packet(id string) Packet {
	i, ok := a.Graph.Index(id)
	if !ok {
		return Packet{ID: id}
	}
	return a.packetAt(i)
}

// packetAt is the record of the packet at graph index i.
func (a *Analysis) packetAt(i int) Packet {
	p := a.Graph.PacketAt(i)
	return Packet{
		ID: p.ID, Title: p.Title, File: p.File, Line: p.Line,
		Priority: p.Priority, EffectivePriority: a.Graph.EffectivePriorityAt(i),
		Status: p.Status, Progress: p.Progress,
		Effort: p.Effort, Remaining: p.Remaining(), Actual: p.Actual,
		Requires: refIDs(p.Requires), Optional: refIDs(p.Optional), Externals: p.Externals,
	}
}

// Packets are the records of ids, in that order.
func (a *Analysis) Packets(ids []string) []Packet {
	out := make([]Packet, len(ids))
	for i, id := range ids {
		out[i] = a.Packet(id)
	}
	return out
}

// PriorityText is the effective priority as written ("P1"), "" for none.
func (p Packet) PriorityText() string { return p.EffectivePriority.String() }

// RemainingText is the remaining effort as EffortText writes it, or "no
// estimate".
func (p Packet) RemainingText() string {
	if p.Effort == nil {
		return "no estimate"
	}
	return graph.EffortText(p.Remaining)
}

// StatusText is the status in words: "in progress", "40% done",
// "complete", "cancelled", "not started".
func (p Packet) StatusText() string {
	if p.Status == parser.InProgress && p.Progress != nil {
		return strconv.Itoa(*p.Progress) + "% done"
	}
	return p.Status.Text()
}

// Blocked is one blocked packet and what it waits on.
type Blocked struct {
	Packet
	// BlockedBy are the unfinished packets it requires, External its
	// blocking externals, WaitsOn every unfinished packet it waits on
	// (only the nearest graph.WaitsOnLimit when WaitsOnTruncated),
	// Missing the required IDs no file has; ByStatus says that its own
	// Status is Blocked.
	BlockedBy, External, WaitsOn, Missing []string
	WaitsOnTruncated, ByStatus            bool
}

// eachBlockedPacket yields the records of the blocked packets, in the
// graph's order, made one at a time: a writer that prints each once holds
// one record, not 70,000 at 100,000 packets (each with its packet's
// record).
func (a *Analysis) eachBlockedPacket() iter.Seq[Blocked] {
	return func(yield func(Blocked) bool) {
		for b := range a.eachBlocked() {
			if !yield(blockedRecord(a, b)) {
				return
			}
		}
	}
}

func blockedRecord(a *Analysis, b graph.Blocked) Blocked {
	return Blocked{Packet: a.Packet(b.ID), BlockedBy: nonNil(b.BlockedBy), External: nonNil(b.External),
		WaitsOn: nonNil(b.WaitsOn), WaitsOnTruncated: b.WaitsOnTruncated, Missing: nonNil(b.Missing), ByStatus: b.ByStatus}
}

// Reasons says what a blocked packet waits on, each part quoted for its
// format: the unfinished packets it requires, its blocking externals, the
// IDs it requires that no file has, and its own Blocked status when no
// row says why. Text, markdown and CSV all list these parts.
func (b Blocked) Reasons(quote func(string) string) []string {
	var parts []string
	for _, id := range b.BlockedBy {
		parts = append(parts, quote(id))
	}
	for _, x := range b.External {
		parts = append(parts, quote(x)+" (external)")
	}
	for _, id := range b.Missing {
		parts = append(parts, quote(id)+" (no file)")
	}
	if b.ByStatus {
		parts = append(parts, "its own Status (Blocked)")
	}
	return parts
}

// Timing is the critical path method's times of one unfinished packet.
type Timing struct {
	schedule.Timing
	Title string
	// Scheduled says that the critical path method timed the packet
	// (every unfinished packet); the times are zero when it did not.
	Scheduled bool
	// OnPath says it is on the critical path shown; ZeroSlack, that it is
	// not but has no slack either (another chain just as long).
	OnPath, ZeroSlack bool
}

// Timing is the record of the packet id.
func (a *Analysis) Timing(id string) Timing {
	i, ok := a.Graph.Index(id)
	if !ok {
		return Timing{Timing: schedule.Timing{ID: id}, ZeroSlack: true}
	}
	return a.timingAtIndex(i)
}

// timingAtIndex is the record of the packet at graph index i.
func (a *Analysis) timingAtIndex(i int) Timing {
	st, ok := a.timingOf(i)
	p := a.Graph.PacketAt(i)
	st.ID = p.ID
	onPath, zeroSlack := a.onPathAt(i)
	return Timing{Timing: st, Title: p.Title, Scheduled: ok, OnPath: onPath, ZeroSlack: zeroSlack}
}

// OrderTimings are the records of the unfinished packets in build order.
func (a *Analysis) OrderTimings() []Timing {
	order := a.orderIndices(false)
	out := make([]Timing, len(order))
	for k, i := range order {
		out[k] = a.timingAtIndex(i)
	}
	return out
}

// refIDs are the IDs of refs, each once, in order.
func refIDs(refs []parser.Ref) []string {
	return appendRefIDs(make([]string, 0, len(refs)), refs)
}

// appendRefIDs appends the IDs of refs to ids, each once, in order.
func appendRefIDs(ids []string, refs []parser.Ref) []string {
	start := len(ids)
	// A packet names a few packets: a scan finds a repeat sooner than a
	// map is made; a long list gets the map.
	var seen map[string]bool
	for _, r := range refs {
		if len(refs) <= 16 {
			if slices.Contains(ids[start:], r.ID) {
				continue
			}
		} else {
			if seen == nil {
				seen = make(map[string]bool, len(refs))
			}
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
		}
		ids = append(ids, r.ID)
	}
	return ids
}

// nonNil is ids, or an empty list for nil: JSON writes [] rather than
// null.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

// StatusCounts are how many packets have each status.
type StatusCounts struct{ Complete, InProgress, NotStarted, Cancelled int }

// StatusCounts counts the packets read by status.
func (a *Analysis) StatusCounts() StatusCounts {
	var c StatusCounts
	for _, p := range a.Set.Packets {
		switch p.Status {
		case parser.Complete:
			c.Complete++
		case parser.InProgress:
			c.InProgress++
		case parser.Cancelled:
			c.Cancelled++
		default:
			c.NotStarted++
		}
	}
	return c
}

// String is the counts as the summaries write them: "3 complete, 1 in
// progress, 4 not started", with ", 1 cancelled" when there are any.
func (c StatusCounts) String() string {
	s := fmt.Sprintf("%d complete, %d in progress, %d not started", c.Complete, c.InProgress, c.NotStarted)
	if c.Cancelled > 0 {
		s += fmt.Sprintf(", %d cancelled", c.Cancelled)
	}
	return s
}

// round keeps three decimals, so float noise (4.000000000001) never
// reaches the output. It is the rounding of every number in JSON; noise
// just below zero is 0, never -0.
func round(x float64) float64 {
	r := math.Round(x*1000) / 1000
	if r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}

// Percentile is one finish percentile of a forecast as the formats show
// it.
type Percentile struct {
	schedule.Percentile
	// Key names it in JSON ("p50"), Label in text and on the page ("P50").
	Key, Label string
	// Date is the date by whose end the work is done; "" without a
	// calendar.
	Date string
}

// Estimate is a forecast as every format reads it: the simulation, with
// its percentiles named and dated once.
type Estimate struct {
	*schedule.Estimate
	// Percentiles are est's, in the order asked for.
	Percentiles []Percentile
	// Dated says a calendar dated the percentiles.
	Dated bool
}

// EstimateRecord is the record of est, dated by cal (nil for none).
func EstimateRecord(est *schedule.Estimate, cal *Calendar) Estimate {
	r := Estimate{Estimate: est, Percentiles: make([]Percentile, len(est.Percentiles)), Dated: cal != nil}
	for i, p := range est.Percentiles {
		key := percentileKey(p.P)
		r.Percentiles[i] = Percentile{Percentile: p, Key: key, Label: strings.ToUpper(key)}
		if cal != nil {
			r.Percentiles[i].Date = cal.FinishDate(p.Days)
		}
	}
	return r
}

// Assignment is one packet of a team schedule as the formats show it.
type Assignment struct {
	schedule.Assignment
	// Title is the packet's title ("" when the record was built without
	// the analysis).
	Title string
	// StartDate and FinishDate are the dates of Start and Finish
	// (Calendar.Dates); "" without a calendar.
	StartDate, FinishDate string
}

// Schedule is a team schedule as every format reads it: each assignment
// with its title and dates, built once.
type Schedule struct {
	*schedule.Schedule
	Assignments []Assignment
	// Dated says a calendar dated it; Finish is then the date the work is
	// done ("" when nothing is left to schedule).
	Dated  bool
	Finish string
}

// ScheduleRecord is the record of s, with the titles of a (nil for none)
// and the dates of cal (nil for none).
func ScheduleRecord(a *Analysis, s *schedule.Schedule, cal *Calendar) Schedule {
	r := Schedule{Schedule: s, Assignments: make([]Assignment, len(s.Assignments)), Dated: cal != nil}
	for i, as := range s.Assignments {
		r.Assignments[i].Assignment = as
		if a != nil {
			r.Assignments[i].Title = a.Title(as.ID)
		}
		if cal != nil {
			r.Assignments[i].StartDate, r.Assignments[i].FinishDate = cal.Dates(as.Start, as.Finish)
		}
	}
	if cal != nil && len(s.Assignments) > 0 {
		r.Finish = cal.FinishDate(s.Makespan)
	}
	return r
}

// Cycle is one cycle of required rows as the formats show it (JSON
// writes it as it is): its members, sorted; one path round it from
// dependency to dependent, ending where it starts; the rows whose removal
// breaks it, and whether that set is proven the smallest.
type Cycle struct {
	IDs   []string `json:"ids"`
	Path  []string `json:"path"`
	Cut   []CutRow `json:"cut"`
	Exact bool     `json:"exact"`
}

// CutRow is a row of a cycle's cut: To requires From, written at File:Line.
type CutRow struct {
	From string `json:"from"`
	To   string `json:"to"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// Cycles are the records of the plan's cycles, in the graph's order.
func (a *Analysis) Cycles() []Cycle {
	var out []Cycle
	for _, c := range a.Graph.Cycles() {
		out = append(out, cycleRecord(c))
	}
	return out
}

func cycleRecord(c graph.Cycle) Cycle {
	r := Cycle{IDs: c.IDs, Path: c.Path, Cut: []CutRow{}, Exact: c.Exact}
	for _, e := range c.Cut {
		r.Cut = append(r.Cut, CutRow{From: e.From, To: e.To, File: e.File, Line: e.Line})
	}
	return r
}

// InCycle are the packets that are members of a cycle.
func (a *Analysis) InCycle() map[string]bool {
	in := map[string]bool{}
	for _, c := range a.Cycles() {
		for _, id := range c.IDs {
			in[id] = true
		}
	}
	return in
}

// Problem is one problem as the formats show it (JSON writes it as it
// is): what it says, where, and what a baseline entry matches on.
type Problem struct {
	ProblemText
	File string `json:"file"`
	Line int    `json:"line"`
	// Packet and Ref are what a baseline entry matches on: the packet the
	// problem is about and the packet its row names, when there are.
	Packet string `json:"packet,omitempty"`
	Ref    string `json:"ref,omitempty"`
}

// ProblemText is what a problem says, without where: plan explain lists
// one file's problems by line alone.
type ProblemText struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

// ProblemRecords are the records of ps, in that order (an empty list for
// none: JSON writes [], not null).
func ProblemRecords(ps []parser.Problem) []Problem {
	out := make([]Problem, len(ps))
	for i, p := range ps {
		out[i] = problemRecord(p)
	}
	return out
}

func problemRecord(p parser.Problem) Problem {
	return Problem{ProblemText: ProblemText{Severity: p.Severity.String(), Code: p.Code, Message: p.Message},
		File: p.File, Line: p.Line, Packet: p.Packet, Ref: p.Ref}
}
