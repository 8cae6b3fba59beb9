package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workpackets/plan/graph"
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
	Cycles        []Cycle       `json:"cycles"`
	CriticalPath  criticalJSON  `json:"critical_path"`
	Schedule      []timingJSON  `json:"schedule"`
	Blocked       []blockedJSON `json:"blocked"`
	Ready         []string      `json:"ready"`
	Problems      []Problem     `json:"problems"`
}

// checkJSON is the document `plan check --json` prints. With --baseline,
// the counts and problems are those not in the baseline.
type checkJSON struct {
	SchemaVersion int            `json:"schema_version"`
	Packets       int            `json:"packets"`
	Errors        int            `json:"errors"`
	Warnings      int            `json:"warnings"`
	Problems      []Problem      `json:"problems"`
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
	if p >= 0 && int(p) < len(priorityNames) {
		return &priorityNames[p] // one name for every packet, not a copy each
	}
	s := p.String()
	return &s
}

// priorityNames are the names of P0..P3, for priorityJSON; nothing writes
// to them.
var priorityNames = [...]string{"P0", "P1", "P2", "P3"}

func packetsJSON(a *Analysis) []PacketJSON {
	out := []PacketJSON{}
	for i := range a.Graph.Len() {
		out = append(out, packetJSON(a.packetAt(i)))
	}
	return out
}

// packetJSON is the "packets" item of p.
func packetJSON(p Packet) PacketJSON {
	pj := PacketJSON{
		ID: p.ID, Title: p.Title, File: p.File, Line: p.Line,
		Priority:          priorityJSON(p.Priority),
		EffectivePriority: priorityJSON(p.EffectivePriority),
		Status:            p.Status.String(),
		Progress:          p.Progress,
		Actual:            p.Actual,
		Requires:          p.Requires,
		Optional:          p.Optional,
		Externals:         make([]externalJSON, 0, len(p.Externals)),
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
	return pj
}

func blockedList(a *Analysis) []blockedJSON {
	out := []blockedJSON{}
	for _, b := range a.blockedRecords() {
		out = append(out, blockedItem(b))
	}
	return out
}

// blockedItem is the "blocked" item of b: the fields of its record
// (blockedRecord) that JSON writes, taken from b itself, without the
// packet's record that JSON does not write.
func blockedItem(b graph.Blocked) blockedJSON {
	return blockedJSON{ID: b.ID, BlockedBy: nonNil(b.BlockedBy), External: nonNil(b.External), WaitsOn: nonNil(b.WaitsOn),
		WaitsOnTruncated: b.WaitsOnTruncated, Missing: nonNil(b.Missing), ByStatus: b.ByStatus}
}

func criticalPathJSON(a *Analysis) criticalJSON {
	cp := a.Critical
	return criticalJSON{IDs: nonNil(cp.IDs), Days: daysJSON{round(cp.Optimistic), round(cp.Expected), round(cp.Pessimistic)}}
}

// scheduleJSON lists the CPM timings in build order (graph indices).
func scheduleJSON(a *Analysis, order []int) []timingJSON {
	out := []timingJSON{}
	for _, i := range order {
		if t := a.timingAtIndex(i); t.Scheduled {
			out = append(out, timingItem(t))
		}
	}
	return out
}

// timingItem is the "schedule" item of t.
func timingItem(t Timing) timingJSON {
	return timingJSON{
		ID: t.ID, Duration: round(t.Duration),
		EarliestStart: round(t.EarliestStart), EarliestFinish: round(t.EarliestFinish),
		LatestStart: round(t.LatestStart), LatestFinish: round(t.LatestFinish),
		Slack: round(t.Slack),
	}
}

// FullReport is the document `plan --json` prints.
func FullReport(a *Analysis) ReportJSON {
	order := a.orderIndices(false)
	r := ReportJSON{
		SchemaVersion: SchemaVersion,
		Files:         filesJSON{Read: len(a.Set.Files), Skipped: nonNil(a.Set.Skipped)},
		Packets:       packetsJSON(a),
		Order:         ids(a.Graph, order),
		Waves:         [][]string{},
		Cycles:        []Cycle{},
		CriticalPath:  criticalPathJSON(a),
		Schedule:      scheduleJSON(a, order),
		Blocked:       blockedList(a),
		Ready:         nonNil(a.Ready),
		Problems:      ProblemRecords(a.Problems),
	}
	for _, w := range a.Waves {
		r.Waves = append(r.Waves, nonNil(w))
	}
	r.Cycles = append(r.Cycles, a.Cycles()...)
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

// WriteReportJSON is `plan --json`: FullReport as WriteJSON prints it,
// byte for byte, written one list item at a time. At 100,000 packets the
// document is ~140 MB: built whole, then indented whole, it took several
// times that in memory and most of the time `plan --json` spent beyond
// the analysis. The long lists (packets, order, schedule, blocked,
// problems) are written by hand, without encoding/json's reflection; the
// rest is small and goes through encoding/json.
func WriteReportJSON(w io.Writer, a *Analysis) error {
	order := a.orderIndices(false)
	s := newJSONStream(w)
	s.key("schema_version")
	s.value(1, SchemaVersion)
	s.key("files")
	s.value(1, filesJSON{Read: len(a.Set.Files), Skipped: nonNil(a.Set.Skipped)})
	s.key("packets")
	s.packets(a)
	s.endList()
	s.key("order")
	s.out = s.out[:0]
	s.out = append(s.out, '[')
	for k, i := range order {
		if k > 0 {
			s.out = append(s.out, ',')
		}
		s.out = append(s.out, "\n    "...)
		s.out = appendJSONString(s.out, a.Graph.PacketAt(i).ID)
		s.flushOut()
	}
	if len(order) > 0 {
		s.out = append(s.out, "\n  ]"...)
	} else {
		s.out = append(s.out, ']')
	}
	s.flushOut()
	s.key("waves")
	for _, w := range a.Waves {
		s.nextItem()
		s.out = appendIDList(s.out[:0], nonNil(w), 2)
		s.flushOut()
	}
	s.endList()
	s.key("cycles")
	for _, c := range a.Graph.Cycles() {
		s.item(cycleRecord(c))
	}
	s.endList()
	s.key("critical_path")
	s.out = appendCriticalJSON(s.out[:0], criticalPathJSON(a), &s.encErr)
	s.flushOut()
	s.key("schedule")
	for _, i := range order {
		if t := a.timingAtIndex(i); t.Scheduled {
			s.nextItem()
			s.out = appendTimingJSON(s.out[:0], timingItem(t), &s.encErr)
			s.flushOut()
		}
	}
	s.endList()
	s.key("blocked")
	for b := range a.eachBlocked() {
		s.nextItem()
		s.out = appendBlockedJSON(s.out[:0], blockedItem(b))
		s.flushOut()
	}
	s.endList()
	s.key("ready")
	s.out = appendIDList(s.out[:0], nonNil(a.Ready), 1)
	s.flushOut()
	s.key("problems")
	for _, p := range a.Problems {
		s.nextItem()
		s.out = appendProblemJSON(s.out[:0], problemRecord(p))
		s.flushOut()
	}
	s.endList()
	return s.close()
}

// indents[d] starts a line at depth d of the document (two spaces a level).
var indents = func() (in [8]string) {
	for d := range in {
		in[d] = "\n" + strings.Repeat("  ", d)
	}
	return in
}()

// appendIDList appends ids as encoding/json writes a []string, indented as
// a value at depth (1 for a key's, 2 for a list item's): null for nil, []
// for none, one string a line otherwise.
func appendIDList(b []byte, ids []string, depth int) []byte {
	switch {
	case ids == nil:
		return append(b, "null"...)
	case len(ids) == 0:
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for k, id := range ids {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, indents[depth+1]...)
		b = appendJSONString(b, id)
	}
	b = append(b, indents[depth]...)
	return append(b, ']')
}

// appendTimingJSON appends t as encoding/json writes it, indented as an
// item of the report's "schedule" list (depth 2).
func appendTimingJSON(b []byte, t timingJSON, err *error) []byte {
	const in = "\n      "
	b = append(b, "{"+in+`"id": `...)
	b = appendJSONString(b, t.ID)
	b = append(b, ","+in+`"duration": `...)
	b = appendJSONNumber(b, t.Duration, err)
	b = append(b, ","+in+`"earliest_start": `...)
	b = appendJSONNumber(b, t.EarliestStart, err)
	b = append(b, ","+in+`"earliest_finish": `...)
	b = appendJSONNumber(b, t.EarliestFinish, err)
	b = append(b, ","+in+`"latest_start": `...)
	b = appendJSONNumber(b, t.LatestStart, err)
	b = append(b, ","+in+`"latest_finish": `...)
	b = appendJSONNumber(b, t.LatestFinish, err)
	b = append(b, ","+in+`"slack": `...)
	b = appendJSONNumber(b, t.Slack, err)
	return append(b, "\n    }"...)
}

// appendBlockedJSON appends x as encoding/json writes it, indented as an
// item of the report's "blocked" list (depth 2).
func appendBlockedJSON(b []byte, x blockedJSON) []byte {
	const in = "\n      "
	b = append(b, "{"+in+`"id": `...)
	b = appendJSONString(b, x.ID)
	b = append(b, ","+in+`"blocked_by": `...)
	b = appendIDList(b, x.BlockedBy, 3)
	b = append(b, ","+in+`"external": `...)
	b = appendIDList(b, x.External, 3)
	b = append(b, ","+in+`"waits_on": `...)
	b = appendIDList(b, x.WaitsOn, 3)
	b = append(b, ","+in+`"waits_on_truncated": `...)
	b = strconv.AppendBool(b, x.WaitsOnTruncated)
	b = append(b, ","+in+`"missing": `...)
	b = appendIDList(b, x.Missing, 3)
	b = append(b, ","+in+`"by_status": `...)
	b = strconv.AppendBool(b, x.ByStatus)
	return append(b, "\n    }"...)
}

// appendProblemJSON appends p as encoding/json writes it, indented as an
// item of a "problems" list (depth 2): packet and ref only when set.
func appendProblemJSON(b []byte, p Problem) []byte {
	const in = "\n      "
	b = append(b, "{"+in+`"severity": `...)
	b = appendJSONString(b, p.Severity)
	b = append(b, ","+in+`"code": `...)
	b = appendJSONString(b, p.Code)
	b = append(b, ","+in+`"message": `...)
	b = appendJSONString(b, p.Message)
	b = append(b, ","+in+`"file": `...)
	b = appendJSONString(b, p.File)
	b = append(b, ","+in+`"line": `...)
	b = strconv.AppendInt(b, int64(p.Line), 10)
	if p.Packet != "" {
		b = append(b, ","+in+`"packet": `...)
		b = appendJSONString(b, p.Packet)
	}
	if p.Ref != "" {
		b = append(b, ","+in+`"ref": `...)
		b = appendJSONString(b, p.Ref)
	}
	return append(b, "\n    }"...)
}

// appendCriticalJSON appends c as encoding/json writes it, indented as the
// value of the report's "critical_path" key (depth 1).
func appendCriticalJSON(b []byte, c criticalJSON, err *error) []byte {
	b = append(b, "{\n    \"ids\": "...)
	b = appendIDList(b, c.IDs, 2)
	b = append(b, ",\n    \"days\": {\n      \"optimistic\": "...)
	b = appendJSONNumber(b, c.Days.Optimistic, err)
	b = append(b, ",\n      \"expected\": "...)
	b = appendJSONNumber(b, c.Days.Expected, err)
	b = append(b, ",\n      \"pessimistic\": "...)
	b = appendJSONNumber(b, c.Days.Pessimistic, err)
	return append(b, "\n    }\n  }"...)
}

// appendJSONNumber is appendJSONFloat that keeps the first error in *err
// (encoding/json's for a NaN or an infinity).
func appendJSONNumber(b []byte, f float64, err *error) []byte {
	b, e := appendJSONFloat(b, f)
	if e != nil && *err == nil {
		*err = e
	}
	return b
}

// jsonStream writes one JSON object, a key of it at a time, as WriteJSON
// writes it whole: encoding/json encodes each value (so strings and
// numbers are escaped and spelled as it spells them) and appendIndented
// lays it out as its indenting does, at the value's depth.
type jsonStream struct {
	w   *bufio.Writer
	enc *json.Encoder
	buf bytes.Buffer // one value, compact
	out []byte       // one value, indented
	err error
	// encErr is where the hand-written values put an encoding error;
	// flushOut moves it to err.
	encErr error
	keys   int // keys written
	items  int // items of the open list written
	// pw writes the packets this goroutine writes.
	pw packetWriter
}

func newJSONStream(w io.Writer) *jsonStream {
	s := &jsonStream{w: bufio.NewWriterSize(w, 64<<10)}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetEscapeHTML(false)
	s.w.WriteByte('{')
	return s
}

// key starts the object's next key (the names are plain: no escaping).
func (s *jsonStream) key(name string) {
	if s.keys > 0 {
		s.w.WriteByte(',')
	}
	s.keys++
	s.w.WriteString("\n  \"")
	s.w.WriteString(name)
	s.w.WriteString("\": ")
}

// value writes v at depth (1 for a key's value, 2 for a list's item).
func (s *jsonStream) value(depth int, v any) {
	if s.err != nil {
		return
	}
	s.buf.Reset()
	if err := s.enc.Encode(v); err != nil {
		s.err = err
		return
	}
	s.out = appendIndented(s.out[:0], bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")), depth)
	s.w.Write(s.out)
}

// flushOut writes s.out, what was just appended by hand, unless it or an
// earlier value failed to encode (then, as value, it writes nothing), and
// empties it.
func (s *jsonStream) flushOut() {
	s.write(s.out)
	s.out = s.out[:0]
}

// write is flushOut of b.
func (s *jsonStream) write(b []byte) {
	if s.err == nil && s.encErr != nil {
		s.err = s.encErr
	}
	if s.err == nil {
		s.w.Write(b)
	}
}

// packets writes the items of the "packets" list: every packet of the
// graph, in ID order. They are most of the document; with a second core
// a helper goroutine writes every other chunk of them into a buffer of
// its own while this one writes the rest, and the chunks go out in
// order.
func (s *jsonStream) packets(a *Analysis) {
	n := a.Graph.Len()
	if n == 0 || s.err != nil {
		return
	}
	if n < 2*packetChunk || runtime.GOMAXPROCS(0) < 2 {
		s.out, s.err = s.pw.appendPackets(s.out[:0], a, 0, n)
		s.flushOut()
		s.items = n
		return
	}
	chunks := (n + packetChunk - 1) / packetChunk
	type result struct {
		out []byte
		err error
	}
	// The helper takes the odd chunks; done carries each back, free
	// returns its buffer (two, so that it writes one while this goroutine
	// writes the other).
	done := make(chan result, 1)
	free := make(chan []byte, 2)
	free <- nil
	free <- nil
	stop := make(chan struct{})
	go func() {
		var pw packetWriter
		for c := 1; c < chunks; c += 2 {
			var buf []byte
			select {
			case buf = <-free:
			case <-stop:
				return
			}
			lo := c * packetChunk
			out, err := pw.appendPackets(buf[:0], a, lo, min(lo+packetChunk, n))
			select {
			case done <- result{out, err}:
			case <-stop:
				return
			}
		}
	}()
	defer close(stop)
	for c := range chunks {
		if c%2 == 1 {
			r := <-done
			s.encErr = r.err
			s.write(r.out)
			free <- r.out
			continue
		}
		lo := c * packetChunk
		var out []byte
		out, s.encErr = s.pw.appendPackets(s.out[:0], a, lo, min(lo+packetChunk, n))
		s.out = out
		s.flushOut()
		if s.err != nil {
			return
		}
	}
	s.items = n
}

// packetChunk is how many packets one goroutine writes at a time: ~1 MB
// of JSON at ~1.5 KB a packet.
const packetChunk = 512

// packetWriter writes the items of the "packets" list; it keeps the
// packet being written and its lists from one packet to the next, so a
// packet costs no allocation.
type packetWriter struct {
	pj     PacketJSON
	effort effortJSON
	likely float64
}

// appendPackets appends the packets at graph indices lo to hi as items of
// the "packets" list, each after its separator ("[" before the first of
// the list, "," before the others, and the item's line).
func (pw *packetWriter) appendPackets(b []byte, a *Analysis, lo, hi int) ([]byte, error) {
	for i := lo; i < hi; i++ {
		if i == 0 {
			b = append(b, '[')
		} else {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		var err error
		if b, err = appendPacketJSON(b, pw.packetJSONAt(a, i)); err != nil {
			return b, err
		}
	}
	return b, nil
}

// packetJSONAt is packetJSON(a.packetAt(i)), built in pw.pj with its
// lists reused. It is valid until the next call.
func (pw *packetWriter) packetJSONAt(a *Analysis, i int) *PacketJSON {
	g := a.Graph
	p := g.PacketAt(i)
	pj := &pw.pj
	if pj.Requires == nil {
		// Non-nil and empty, as packetJSON's: a packet without rows has [].
		pj.Requires, pj.Optional, pj.Externals = []string{}, []string{}, []externalJSON{}
	}
	*pj = PacketJSON{
		ID: p.ID, Title: p.Title, File: p.File, Line: p.Line,
		Priority:          priorityJSON(p.Priority),
		EffectivePriority: priorityJSON(g.EffectivePriorityAt(i)),
		Status:            p.Status.String(),
		Progress:          p.Progress,
		Actual:            p.Actual,
		Requires:          appendRefIDs(pj.Requires[:0], p.Requires),
		Optional:          appendRefIDs(pj.Optional[:0], p.Optional),
		Externals:         pj.Externals[:0],
	}
	if p.Effort != nil {
		pw.effort = effortJSON{Low: round(p.Effort.Low), High: round(p.Effort.High)}
		if p.Effort.HasLikely {
			pw.likely = round(p.Effort.Likely)
			pw.effort.Likely = &pw.likely
		}
		pj.Effort = &pw.effort
	}
	rem := p.Remaining()
	pj.Remaining = remainingJSON{Low: round(rem.Low), High: round(rem.High), Expected: round(rem.Expected())}
	for _, x := range p.Externals {
		pj.Externals = append(pj.Externals, externalJSON{
			Name: x.Name, Status: x.StatusText, Class: x.Class.String(),
			Required: x.Required, Blocking: x.Blocking(), Line: x.Line,
		})
	}
	return pj
}

// item writes v as the next item of the key's list; endList closes it.
func (s *jsonStream) item(v any) {
	s.nextItem()
	s.value(2, v)
}

// nextItem opens the key's list before its first item, or ends the item
// before, and starts the next item's line.
func (s *jsonStream) nextItem() {
	if s.items == 0 {
		s.w.WriteByte('[')
	} else {
		s.w.WriteByte(',')
	}
	s.items++
	s.w.WriteString("\n    ")
}

// The packets are items written by hand (packetWriter): they are most of
// the document, and encoding/json's reflection and the indenting pass
// were most of what writing them cost. appendPacketJSON writes the bytes
// encoding/json writes (TestWriteReportJSONStreams compares them).

// appendPacketJSON appends p as encoding/json encodes it, indented as an
// item of the report's "packets" list (depth 2).
func appendPacketJSON(b []byte, p *PacketJSON) ([]byte, error) {
	const in1, in2, in3 = "\n      ", "\n        ", "\n          "
	var err error
	num := func(b []byte, f float64) []byte {
		b, e := appendJSONFloat(b, f)
		if e != nil && err == nil {
			err = e
		}
		return b
	}
	optString := func(b []byte, s *string) []byte {
		if s == nil {
			return append(b, "null"...)
		}
		return appendJSONString(b, *s)
	}
	b = append(b, "{"+in1+`"id": `...)
	b = appendJSONString(b, p.ID)
	b = append(b, ","+in1+`"title": `...)
	b = appendJSONString(b, p.Title)
	b = append(b, ","+in1+`"file": `...)
	b = appendJSONString(b, p.File)
	b = append(b, ","+in1+`"line": `...)
	b = strconv.AppendInt(b, int64(p.Line), 10)
	b = append(b, ","+in1+`"priority": `...)
	b = optString(b, p.Priority)
	b = append(b, ","+in1+`"effective_priority": `...)
	b = optString(b, p.EffectivePriority)
	b = append(b, ","+in1+`"status": `...)
	b = appendJSONString(b, p.Status)
	b = append(b, ","+in1+`"progress": `...)
	if p.Progress == nil {
		b = append(b, "null"...)
	} else {
		b = strconv.AppendInt(b, int64(*p.Progress), 10)
	}
	b = append(b, ","+in1+`"effort": `...)
	if p.Effort == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, "{"+in2+`"low": `...)
		b = num(b, p.Effort.Low)
		b = append(b, ","+in2+`"high": `...)
		b = num(b, p.Effort.High)
		if p.Effort.Likely != nil {
			b = append(b, ","+in2+`"likely": `...)
			b = num(b, *p.Effort.Likely)
		}
		b = append(b, in1+"}"...)
	}
	b = append(b, ","+in1+`"remaining": {`+in2+`"low": `...)
	b = num(b, p.Remaining.Low)
	b = append(b, ","+in2+`"high": `...)
	b = num(b, p.Remaining.High)
	b = append(b, ","+in2+`"expected": `...)
	b = num(b, p.Remaining.Expected)
	b = append(b, in1+"},"+in1+`"actual": `...)
	if p.Actual == nil {
		b = append(b, "null"...)
	} else {
		b = num(b, *p.Actual)
	}
	b = append(b, ","+in1+`"requires": `...)
	b = appendIDList(b, p.Requires, 3)
	b = append(b, ","+in1+`"optional": `...)
	b = appendIDList(b, p.Optional, 3)
	b = append(b, ","+in1+`"externals": `...)
	switch {
	case p.Externals == nil:
		b = append(b, "null"...)
	case len(p.Externals) == 0:
		b = append(b, "[]"...)
	default:
		b = append(b, '[')
		for i, x := range p.Externals {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in2+"{"+in3+`"name": `...)
			b = appendJSONString(b, x.Name)
			b = append(b, ","+in3+`"status": `...)
			b = appendJSONString(b, x.Status)
			b = append(b, ","+in3+`"class": `...)
			b = appendJSONString(b, x.Class)
			b = append(b, ","+in3+`"required": `...)
			b = strconv.AppendBool(b, x.Required)
			b = append(b, ","+in3+`"blocking": `...)
			b = strconv.AppendBool(b, x.Blocking)
			b = append(b, ","+in3+`"line": `...)
			b = strconv.AppendInt(b, int64(x.Line), 10)
			b = append(b, in2+"}"...)
		}
		b = append(b, in1+"]"...)
	}
	b = append(b, "\n    }"...)
	return b, err
}

// appendJSONString appends s quoted as encoding/json quotes a string with
// HTML escaping off: '"', '\\' and control characters escaped (\n, \r,
// \t, \b, \f by name), invalid UTF-8 as \ufffd, U+2028 and U+2029 as
// \u2028 and \u2029, everything else as it is.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plainJSON[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainJSON[c] says that the ASCII byte c stands for itself inside a JSON
// string (with HTML escaping off): not a control character, '"' or '\\'.
var plainJSON = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c >= 0x20 && c != '"' && c != '\\'
	}
	return t
}()

// appendJSONFloat appends f as encoding/json writes a float64: the
// shortest decimal that reads back as f, in exponent form below 1e-6 and
// from 1e21 (with no leading zero in the exponent); NaN and infinities
// are an error, as there.
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, &json.UnsupportedValueError{Value: reflect.ValueOf(f), Str: strconv.FormatFloat(f, 'g', -1, 64)}
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-09 is written e-9
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

func (s *jsonStream) endList() {
	if s.items == 0 {
		s.w.WriteString("[]")
	} else {
		s.w.WriteString("\n  ]")
	}
	s.items = 0
}

// close ends the object and the document and flushes it; it returns the
// first error of encoding or writing.
func (s *jsonStream) close() error {
	s.w.WriteString("\n}\n")
	if s.err != nil {
		return s.err
	}
	return s.w.Flush()
}

// appendIndented appends src, compact JSON as encoding/json writes it, to
// dst as json.Indent with the indent "  " lays it out, as the value of a
// document indented so at depth: each line after the first starts with
// two spaces for each level, an empty object or list stays {} or [].
func appendIndented(dst, src []byte, depth int) []byte {
	newline := func(level int) {
		dst = append(dst, '\n')
		for range level {
			dst = append(dst, ' ', ' ')
		}
	}
	level := depth
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			// A string is copied as it is, up to its closing quote (the
			// only unescaped one in it).
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
				}
			}
			dst = append(dst, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			level++
			newline(level)
		case '}', ']':
			level--
			newline(level)
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline(level)
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

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
	r := checkJSON{SchemaVersion: SchemaVersion, Packets: packets, Errors: errs, Warnings: warns, Problems: ProblemRecords(problems), Baseline: baseline}
	if baseline != nil {
		b := *baseline
		b.Stale = nonNilEntries(b.Stale)
		r.Baseline = &b
	}
	return WriteJSON(w, r)
}
