package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"reflect"
	"strconv"
	"unicode/utf8"

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
	s := p.String()
	return &s
}

func packetsJSON(a *Analysis) []PacketJSON {
	out := []PacketJSON{}
	for _, gp := range a.Graph.Packets() {
		out = append(out, packetJSON(a.Packet(gp.ID)))
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
	for _, b := range a.BlockedPackets() {
		out = append(out, blockedItem(b))
	}
	return out
}

// blockedItem is the "blocked" item of b.
func blockedItem(b Blocked) blockedJSON {
	return blockedJSON{ID: b.ID, BlockedBy: b.BlockedBy, External: b.External, WaitsOn: b.WaitsOn, WaitsOnTruncated: b.WaitsOnTruncated, Missing: b.Missing, ByStatus: b.ByStatus}
}

func criticalPathJSON(a *Analysis) criticalJSON {
	cp := a.Critical
	return criticalJSON{IDs: nonNil(cp.IDs), Days: daysJSON{round(cp.Optimistic), round(cp.Expected), round(cp.Pessimistic)}}
}

// scheduleJSON lists the CPM timings in build order.
func scheduleJSON(a *Analysis, order []string) []timingJSON {
	out := []timingJSON{}
	for _, t := range a.timingsOf(order) {
		if t.Scheduled {
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
	order := a.Order(false)
	r := ReportJSON{
		SchemaVersion: SchemaVersion,
		Files:         filesJSON{Read: len(a.Set.Files), Skipped: nonNil(a.Set.Skipped)},
		Packets:       packetsJSON(a),
		Order:         nonNil(order),
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
// the analysis.
func WriteReportJSON(w io.Writer, a *Analysis) error {
	order := a.Order(false)
	s := newJSONStream(w)
	s.key("schema_version")
	s.value(1, SchemaVersion)
	s.key("files")
	s.value(1, filesJSON{Read: len(a.Set.Files), Skipped: nonNil(a.Set.Skipped)})
	s.key("packets")
	for _, gp := range a.Graph.Packets() {
		s.packet(packetJSON(a.Packet(gp.ID)))
	}
	s.endList()
	s.key("order")
	s.value(1, nonNil(order))
	s.key("waves")
	for _, w := range a.Waves {
		s.item(nonNil(w))
	}
	s.endList()
	s.key("cycles")
	for _, c := range a.Graph.Cycles() {
		s.item(cycleRecord(c))
	}
	s.endList()
	s.key("critical_path")
	s.value(1, criticalPathJSON(a))
	s.key("schedule")
	for _, t := range a.timingsOf(order) {
		if t.Scheduled {
			s.item(timingItem(t))
		}
	}
	s.endList()
	s.key("blocked")
	for _, b := range a.BlockedPackets() {
		s.item(blockedItem(b))
	}
	s.endList()
	s.key("ready")
	s.value(1, nonNil(a.Ready))
	s.key("problems")
	for _, p := range a.Problems {
		s.item(problemRecord(p))
	}
	s.endList()
	return s.close()
}

// jsonStream writes one JSON object, a key of it at a time, as WriteJSON
// writes it whole: encoding/json encodes each value (so strings and
// numbers are escaped and spelled as it spells them) and appendIndented
// lays it out as its indenting does, at the value's depth.
type jsonStream struct {
	w     *bufio.Writer
	enc   *json.Encoder
	buf   bytes.Buffer // one value, compact
	out   []byte       // one value, indented
	err   error
	keys  int // keys written
	items int // items of the open list written
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

// packet is item for a packet, written by hand: the packets are most of
// the document, and encoding/json's reflection and the indenting pass
// were most of what writing them cost. appendPacketJSON writes the bytes
// encoding/json writes (TestWriteReportJSONStreams compares them).
func (s *jsonStream) packet(p PacketJSON) {
	s.nextItem()
	if s.err != nil {
		return
	}
	out, err := appendPacketJSON(s.out[:0], &p)
	if err != nil {
		s.err = err
		return
	}
	s.out = out
	s.w.Write(s.out)
}

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
	list := func(b []byte, ids []string) []byte {
		switch {
		case ids == nil:
			return append(b, "null"...)
		case len(ids) == 0:
			return append(b, "[]"...)
		}
		b = append(b, '[')
		for i, id := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in2...)
			b = appendJSONString(b, id)
		}
		return append(b, in1+"]"...)
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
	b = list(b, p.Requires)
	b = append(b, ","+in1+`"optional": `...)
	b = list(b, p.Optional)
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
			if c >= 0x20 && c != '"' && c != '\\' {
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
