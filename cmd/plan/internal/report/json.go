package report

import (
	"encoding/json"
	"io"

	"github.com/workpackets/plan/parser"
)

// SchemaVersion is the version of every JSON document plan prints. It
// changes only when a key is removed or changes meaning; new keys may be
// added at any time.
const SchemaVersion = 1

type effortJSON struct {
	Low    float64  `json:"low"`
	High   float64  `json:"high"`
	Likely *float64 `json:"likely,omitempty"`
}

type remainingJSON struct {
	Low      float64 `json:"low"`
	High     float64 `json:"high"`
	Expected float64 `json:"expected"`
}

type externalJSON struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Class    string `json:"class"`
	Required bool   `json:"required"`
	Blocking bool   `json:"blocking"`
	Line     int    `json:"line"`
}

// PacketJSON is one packet of the report's "packets" list.
type PacketJSON struct {
	ID                string         `json:"id"`
	Title             string         `json:"title"`
	File              string         `json:"file"`
	Line              int            `json:"line"`
	Priority          *string        `json:"priority"`
	EffectivePriority *string        `json:"effective_priority"`
	Status            string         `json:"status"`
	Progress          *int           `json:"progress"`
	Effort            *effortJSON    `json:"effort"`
	Remaining         remainingJSON  `json:"remaining"`
	Actual            *float64       `json:"actual"`
	Requires          []string       `json:"requires"`
	Optional          []string       `json:"optional"`
	Externals         []externalJSON `json:"externals"`
}

type edgeJSON struct {
	From string `json:"from"`
	To   string `json:"to"`
	File string `json:"file"`
	Line int    `json:"line"`
}

type cycleJSON struct {
	IDs   []string   `json:"ids"`
	Path  []string   `json:"path"`
	Cut   []edgeJSON `json:"cut"`
	Exact bool       `json:"exact"`
}

type daysJSON struct {
	Optimistic  float64 `json:"optimistic"`
	Expected    float64 `json:"expected"`
	Pessimistic float64 `json:"pessimistic"`
}

type criticalJSON struct {
	IDs  []string `json:"ids"`
	Days daysJSON `json:"days"`
}

type timingJSON struct {
	ID             string  `json:"id"`
	Duration       float64 `json:"duration"`
	EarliestStart  float64 `json:"earliest_start"`
	EarliestFinish float64 `json:"earliest_finish"`
	LatestStart    float64 `json:"latest_start"`
	LatestFinish   float64 `json:"latest_finish"`
	Slack          float64 `json:"slack"`
}

type blockedJSON struct {
	ID        string   `json:"id"`
	BlockedBy []string `json:"blocked_by"`
	External  []string `json:"external"`
	WaitsOn   []string `json:"waits_on"`
	// WaitsOnTruncated says that waits_on lists only the nearest
	// graph.WaitsOnLimit packets of more.
	WaitsOnTruncated bool `json:"waits_on_truncated"`
	// Missing are required IDs that no file has: the packet cannot start
	// until they exist.
	Missing []string `json:"missing"`
	// ByStatus says that the packet's own Status is Blocked.
	ByStatus bool `json:"by_status"`
}

type problemJSON struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	// Packet and Ref are what a baseline entry matches on: the packet the
	// problem is about and the packet its row names, when there are.
	Packet string `json:"packet,omitempty"`
	Ref    string `json:"ref,omitempty"`
}

type filesJSON struct {
	Read    int      `json:"read"`
	Skipped []string `json:"skipped"`
}

// ReportJSON is the document `plan --json` prints; its schema is
// cmd/plan/internal/help/schema/plan.schema.json (plan help json plan).
type ReportJSON struct {
	SchemaVersion int           `json:"schema_version"`
	Files         filesJSON     `json:"files"`
	Packets       []PacketJSON  `json:"packets"`
	Order         []string      `json:"order"`
	Waves         [][]string    `json:"waves"`
	Cycles        []cycleJSON   `json:"cycles"`
	CriticalPath  criticalJSON  `json:"critical_path"`
	Schedule      []timingJSON  `json:"schedule"`
	Blocked       []blockedJSON `json:"blocked"`
	Ready         []string      `json:"ready"`
	Problems      []problemJSON `json:"problems"`
}

// checkJSON is the document `plan check --json` prints. With --baseline,
// the counts and problems are those not in the baseline.
type checkJSON struct {
	SchemaVersion int            `json:"schema_version"`
	Packets       int            `json:"packets"`
	Errors        int            `json:"errors"`
	Warnings      int            `json:"warnings"`
	Problems      []problemJSON  `json:"problems"`
	Baseline      *CheckBaseline `json:"baseline,omitempty"`
}

// CheckBaseline says, with --baseline, how many problems the baseline
// knew and which of its entries no longer occur.
type CheckBaseline struct {
	File  string          `json:"file"`
	Known int             `json:"known"`
	Stale []BaselineEntry `json:"stale"`
}

func nonNilEntries(es []BaselineEntry) []BaselineEntry {
	if es == nil {
		return []BaselineEntry{}
	}
	return es
}

func priorityJSON(p parser.Priority) *string {
	if p == parser.NoPriority {
		return nil
	}
	s := p.String()
	return &s
}

func packetsJSON(a *Analysis) []PacketJSON {
	out := []PacketJSON{}
	for _, gp := range a.Graph.Packets() {
		p := a.Packet(gp.ID)
		pj := PacketJSON{
			ID: p.ID, Title: p.Title, File: p.File, Line: p.Line,
			Priority:          priorityJSON(p.Priority),
			EffectivePriority: priorityJSON(p.EffectivePriority),
			Status:            p.Status.String(),
			Progress:          p.Progress,
			Actual:            p.Actual,
			Requires:          p.Requires,
			Optional:          p.Optional,
			Externals:         []externalJSON{},
		}
		if p.Effort != nil {
			pj.Effort = &effortJSON{Low: round(p.Effort.Low), High: round(p.Effort.High)}
			if p.Effort.HasLikely {
				likely := round(p.Effort.Likely)
				pj.Effort.Likely = &likely
			}
		}
		pj.Remaining = remainingJSON{Low: round(p.Remaining.Low), High: round(p.Remaining.High), Expected: round(p.Remaining.Expected())}
		for _, x := range p.Externals {
			pj.Externals = append(pj.Externals, externalJSON{
				Name: x.Name, Status: x.StatusText, Class: x.Class.String(),
				Required: x.Required, Blocking: x.Blocking(), Line: x.Line,
			})
		}
		out = append(out, pj)
	}
	return out
}

func problemsJSON(ps []parser.Problem) []problemJSON {
	out := []problemJSON{}
	for _, p := range ps {
		out = append(out, problemJSON{Severity: p.Severity.String(), Code: p.Code, Message: p.Message, File: p.File, Line: p.Line, Packet: p.Packet, Ref: p.Ref})
	}
	return out
}

func blockedList(a *Analysis) []blockedJSON {
	out := []blockedJSON{}
	for _, b := range a.BlockedPackets() {
		out = append(out, blockedJSON{ID: b.ID, BlockedBy: b.BlockedBy, External: b.External, WaitsOn: b.WaitsOn, WaitsOnTruncated: b.WaitsOnTruncated, Missing: b.Missing, ByStatus: b.ByStatus})
	}
	return out
}

func criticalPathJSON(a *Analysis) criticalJSON {
	cp := a.Critical
	return criticalJSON{IDs: nonNil(cp.IDs), Days: daysJSON{round(cp.Optimistic), round(cp.Expected), round(cp.Pessimistic)}}
}

// scheduleJSON lists the CPM timings in build order.
func scheduleJSON(a *Analysis, order []string) []timingJSON {
	out := []timingJSON{}
	for _, t := range a.timingsOf(order) {
		if !t.Scheduled {
			continue
		}
		out = append(out, timingJSON{
			ID: t.ID, Duration: round(t.Duration),
			EarliestStart: round(t.EarliestStart), EarliestFinish: round(t.EarliestFinish),
			LatestStart: round(t.LatestStart), LatestFinish: round(t.LatestFinish),
			Slack: round(t.Slack),
		})
	}
	return out
}

// FullReport is the document `plan --json` prints.
func FullReport(a *Analysis) ReportJSON {
	order := a.Order(false)
	r := ReportJSON{
		SchemaVersion: SchemaVersion,
		Files:         filesJSON{Read: len(a.Set.Files), Skipped: nonNil(a.Set.Skipped)},
		Packets:       packetsJSON(a),
		Order:         nonNil(order),
		Waves:         [][]string{},
		Cycles:        []cycleJSON{},
		CriticalPath:  criticalPathJSON(a),
		Schedule:      scheduleJSON(a, order),
		Blocked:       blockedList(a),
		Ready:         nonNil(a.Ready),
		Problems:      problemsJSON(a.Problems),
	}
	for _, w := range a.Waves {
		r.Waves = append(r.Waves, nonNil(w))
	}
	for _, c := range a.Graph.Cycles() {
		cj := cycleJSON{IDs: c.IDs, Path: c.Path, Cut: []edgeJSON{}, Exact: c.Exact}
		for _, e := range c.Cut {
			cj.Cut = append(cj.Cut, edgeJSON{From: e.From, To: e.To, File: e.File, Line: e.Line})
		}
		r.Cycles = append(r.Cycles, cj)
	}
	return r
}

// HeldBack is what `plan blocked --by ID --json` prints.
type HeldBack struct {
	SchemaVersion int           `json:"schema_version"`
	ID            string        `json:"id"`
	Waiting       []string      `json:"waiting"`
	Remaining     remainingJSON `json:"remaining"`
}

// HeldBackOf lists every unfinished packet that waits on id and the sum of
// their remaining effort.
func HeldBackOf(a *Analysis, id string) HeldBack {
	h := HeldBack{SchemaVersion: SchemaVersion, ID: id, Waiting: nonNil(a.Graph.WaitingOn(id))}
	var rem remainingJSON
	for _, p := range a.Packets(h.Waiting) {
		r := p.Remaining
		rem.Low += r.Low
		rem.High += r.High
		rem.Expected += r.Expected()
	}
	h.Remaining = remainingJSON{round(rem.Low), round(rem.High), round(rem.Expected)}
	return h
}

// WriteJSON prints v as indented JSON. encoding/json escapes every string,
// so the document stays valid whatever bytes the packets hold; HTML
// escaping is off, because the reader is a program, not a web page, and
// "R&D" should read as itself rather than "R\u0026D".
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteReportJSON is `plan --json`.
func WriteReportJSON(w io.Writer, a *Analysis) error { return WriteJSON(w, FullReport(a)) }

// WriteOrderJSON is `plan order --json`: ids in build order.
func WriteOrderJSON(w io.Writer, ids []string) error {
	return WriteJSON(w, struct {
		SchemaVersion int      `json:"schema_version"`
		Order         []string `json:"order"`
	}{SchemaVersion, nonNil(ids)})
}

// WriteReadyJSON is `plan ready --json`.
func WriteReadyJSON(w io.Writer, a *Analysis) error {
	return WriteJSON(w, struct {
		SchemaVersion int      `json:"schema_version"`
		Ready         []string `json:"ready"`
	}{SchemaVersion, nonNil(a.Ready)})
}

// WriteBlockedJSON is `plan blocked --json`.
func WriteBlockedJSON(w io.Writer, a *Analysis) error {
	return WriteJSON(w, struct {
		SchemaVersion int           `json:"schema_version"`
		Blocked       []blockedJSON `json:"blocked"`
	}{SchemaVersion, blockedList(a)})
}

// WriteCriticalJSON is `plan critical --json`: the critical path and the
// timings of the unfinished packets in build order.
func WriteCriticalJSON(w io.Writer, a *Analysis) error {
	r := FullReport(a)
	return WriteJSON(w, struct {
		SchemaVersion int          `json:"schema_version"`
		CriticalPath  criticalJSON `json:"critical_path"`
		Schedule      []timingJSON `json:"schedule"`
	}{SchemaVersion, r.CriticalPath, r.Schedule})
}

// WriteCheckJSON is `plan check --json`: the problems of a plan of
// packets packets and their counts; baseline, when not nil, is what
// --baseline matched.
func WriteCheckJSON(w io.Writer, packets int, problems []parser.Problem, baseline *CheckBaseline) error {
	errs, warns := CountProblems(problems)
	r := checkJSON{SchemaVersion: SchemaVersion, Packets: packets, Errors: errs, Warnings: warns, Problems: problemsJSON(problems), Baseline: baseline}
	if baseline != nil {
		b := *baseline
		b.Stale = nonNilEntries(b.Stale)
		r.Baseline = &b
	}
	return WriteJSON(w, r)
}
