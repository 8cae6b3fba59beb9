package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// lineWidth is the width the text report is laid out for.
const lineWidth = 80

// clean, textWidth and truncate are termtext's, under the
// names the formats here use.
func clean(s string) string           { return termtext.Clean(s) }
func textWidth(s string) int          { return termtext.TextWidth(s) }
func truncate(s string, n int) string { return termtext.Truncate(s, n) }

// styler adds terminal colour when the env allows it.
type styler struct{ on bool }

func (s styler) wrap(code, text string) string {
	if !s.on {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

func (s styler) heading(t string) string { return s.wrap("1", t) }

func (s styler) severity(sev parser.Severity) string {
	if sev == parser.Error {
		return s.wrap("31", "error")
	}
	return s.wrap("33", "warning")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// days formats a number of days for reading: one decimal at most (3, 2.5,
// 6.2). JSON keeps three.
func days(x float64) string {
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// effortText formats an estimate as "3-4d", "5d" or "2-8d (likely 3)".
func effortText(e *parser.Effort) string {
	if e == nil {
		return "no estimate"
	}
	s := days(e.Low) + "d"
	if round(e.Low) != round(e.High) {
		s = days(e.Low) + "-" + days(e.High) + "d"
	}
	if e.HasLikely {
		s += " (likely " + days(e.Likely) + ")"
	}
	return s
}

func statusText(p *parser.Packet) string {
	switch {
	case p.Status == parser.InProgress && p.Progress != nil:
		return fmt.Sprintf("%d%% done", *p.Progress)
	case p.Status == parser.InProgress:
		return "in progress"
	case p.Status == parser.Complete:
		return "complete"
	}
	return "not started"
}

func writeLines(w io.Writer, lines []string) error {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		fmt.Fprintln(bw, clean(l))
	}
	return bw.Flush()
}

// wrapList writes items separated by ", " after prefix, wrapping at the
// line width with continuation lines indented like the first item.
func wrapList(w io.Writer, prefix string, items []string) {
	indent := strings.Repeat(" ", textWidth(prefix))
	line := prefix
	for i, it := range items {
		sep := ""
		if i < len(items)-1 {
			sep = ","
		}
		piece := it + sep
		if line != prefix && line != indent && textWidth(line)+1+textWidth(piece) > lineWidth {
			fmt.Fprintln(w, strings.TrimRight(line, " "))
			line = indent
		}
		if line != prefix && line != indent {
			line += " "
		}
		line += piece
	}
	fmt.Fprintln(w, line)
}

// packetRows formats "ID  P1  Title  effort  note" rows in aligned
// columns fitted to 80 columns, truncating titles when they must.
func packetRows(a *analysis, ids []string, note func(p *parser.Packet) string) []string {
	type row struct{ id, prio, title, effort, note string }
	rows := make([]row, len(ids))
	idW, titleW, effortW, noteW := idWidth(ids), 0, 0, 0
	for i, id := range ids {
		p := a.graph.Packet(id)
		r := row{id: clean(id), prio: a.graph.EffectivePriority(id).String(), title: clean(p.Title), effort: "no estimate"}
		if r.prio == "" {
			r.prio = "--"
		}
		if p.Effort != nil {
			rem := p.Remaining()
			r.effort = effortText(&rem)
		}
		if note != nil {
			r.note = note(p)
		}
		titleW = max(titleW, textWidth(r.title))
		effortW = max(effortW, textWidth(r.effort))
		noteW = max(noteW, textWidth(r.note))
		rows[i] = r
	}
	fixed := 2 + idW + 2 + 2 + 2 + 2 + effortW
	if noteW > 0 {
		fixed += 2 + noteW
	}
	titleW = max(min(titleW, lineWidth-fixed), 12)
	out := make([]string, len(rows))
	for i, r := range rows {
		line := fmt.Sprintf("  %-*s  %-2s  %s  %*s", idW, r.id, r.prio, pad(truncate(r.title, titleW), titleW), effortW, r.effort)
		if r.note != "" {
			line += "  " + r.note
		}
		out[i] = line
	}
	return out
}

// pad right-pads s with spaces to n columns.
func pad(s string, n int) string {
	if k := textWidth(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

func idWidth(ids []string) int {
	w := 0
	for _, id := range ids {
		if n := textWidth(clean(id)); n > w {
			w = n
		}
	}
	if w > 24 {
		w = 24
	}
	return w
}

func writeReport(e *env, a *analysis) error {
	bw := bufio.NewWriter(e.stdout)
	st := styler{e.color}
	writeSummary(bw, a)
	if len(a.set.Packets) == 0 {
		// With no packet every section would only say it is empty.
		return bw.Flush()
	}

	fmt.Fprintf(bw, "\n%s\n", st.heading(fmt.Sprintf("Ready now (%d)", len(a.ready))))
	writeReadyRows(bw, a)

	fmt.Fprintf(bw, "\n%s\n", st.heading(fmt.Sprintf("Blocked (%d)", len(a.blocked))))
	writeBlockedRows(bw, a)

	if risks := atRisk(a); len(risks) > 0 {
		fmt.Fprintf(bw, "\n%s\n", st.heading(fmt.Sprintf("At risk (%d)", len(risks))))
		for _, r := range risks {
			fmt.Fprintln(bw, r)
		}
	}

	fmt.Fprintf(bw, "\n%s\n", st.heading("Build order by wave"))
	byWave := a.orderByWave()
	if len(byWave) == 0 {
		fmt.Fprintln(bw, "  nothing left to build")
	}
	for i, ids := range byWave {
		wrapList(bw, fmt.Sprintf("  wave %d: ", i), cleanAll(ids))
	}

	fmt.Fprintf(bw, "\n%s\n", st.heading("Critical path"))
	writeCriticalSummary(bw, a)

	errs, warns := a.counts()
	fmt.Fprintf(bw, "\n%s\n", st.heading(fmt.Sprintf("Problems (%s, %s)", plural(errs, "error"), plural(warns, "warning"))))
	if len(a.problems) == 0 {
		fmt.Fprintln(bw, "  none")
	}
	for _, p := range a.problems {
		// The report wraps each message under its location to stay within
		// 80 columns; `plan check` keeps one problem per line for grep.
		fmt.Fprintf(bw, "  %s:%d: %s: %s\n", clean(p.File), p.Line, st.severity(p.Severity), p.Code)
		wrapSteps(bw, "    ", strings.Fields(clean(p.Message)))
	}
	return bw.Flush()
}

func writeSummary(w io.Writer, a *analysis) {
	var complete, inProgress, notStarted, cancelled int
	for _, p := range a.set.Packets {
		switch p.Status {
		case parser.Complete:
			complete++
		case parser.InProgress:
			inProgress++
		case parser.Cancelled:
			cancelled++
		default:
			notStarted++
		}
	}
	if len(a.set.Packets) == 0 {
		fmt.Fprintln(w, "No work packets found.")
	} else {
		fmt.Fprintf(w, "%s: %d complete, %d in progress, %d not started",
			plural(len(a.set.Packets), "packet"), complete, inProgress, notStarted)
		if cancelled > 0 {
			fmt.Fprintf(w, ", %d cancelled", cancelled)
		}
		fmt.Fprintln(w)
	}
	skipped := "none skipped"
	switch n, t := len(a.set.Skipped), len(a.set.Templates); {
	case n > 1 && n == len(a.set.Files):
		skipped = "none of them is a packet (-v says why)"
	case n == 1 && t == 1:
		skipped = "1 skipped: a packet template (-v says which)"
	case n > 1 && t == n:
		skipped = fmt.Sprintf("%d skipped: packet templates (-v says which)", n)
	case t == 1:
		skipped = fmt.Sprintf("%d skipped as not a packet, 1 of them a template (-v says which)", n)
	case t > 1:
		skipped = fmt.Sprintf("%d skipped as not a packet, %d of them templates (-v says which)", n, t)
	case n > 0:
		skipped = fmt.Sprintf("%d skipped as not a packet (-v says which)", n)
	}
	fmt.Fprintf(w, "%s read, %s\n", plural(len(a.set.Files), "markdown file"), skipped)
	if len(a.set.Packets) == 0 && len(a.set.Files) > 0 {
		fmt.Fprintln(w, "A packet is a markdown file whose first level-1 heading is '# ID: Title',")
		fmt.Fprintln(w, "such as '# P1-ACCESS-001: Content Access'.")
	}
}

func writeReadyRows(w io.Writer, a *analysis) {
	if len(a.ready) == 0 {
		fmt.Fprintln(w, "  nothing can start now")
		return
	}
	for _, line := range packetRows(a, a.ready, func(p *parser.Packet) string {
		if p.Status == parser.InProgress {
			return statusText(p)
		}
		return ""
	}) {
		fmt.Fprintln(w, line)
	}
}

func writeBlockedRows(w io.Writer, a *analysis) {
	if len(a.blocked) == 0 {
		fmt.Fprintln(w, "  nothing is blocked")
		return
	}
	ids := make([]string, len(a.blocked))
	for i, b := range a.blocked {
		ids[i] = b.ID
	}
	width := idWidth(ids)
	for _, b := range a.blocked {
		wrapList(w, fmt.Sprintf("  %-*s  waits on ", width, clean(b.ID)), blockReasons(b, clean))
	}
}

// blockReasons says what a blocked packet waits on, each part quoted for
// its format: the unfinished packets it requires, its blocking externals,
// the IDs it requires that no file has, and its own Blocked status when no
// row says why. Text, markdown and CSV all list these parts.
func blockReasons(b graph.Blocked, quote func(string) string) []string {
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

// atRisk lists the at-risk externals (⚠️, Pending, Partial) of unfinished
// packets: they block nothing, but the plan depends on them.
func atRisk(a *analysis) []string {
	var ids []string
	for _, p := range a.graph.Packets() {
		for _, x := range p.Externals {
			if p.Status != parser.Complete && x.Class == parser.AtRisk {
				ids = append(ids, p.ID)
				break
			}
		}
	}
	width := idWidth(ids)
	var lines []string
	for _, id := range ids {
		for _, x := range a.graph.Packet(id).Externals {
			if x.Class == parser.AtRisk {
				lines = append(lines, fmt.Sprintf("  %-*s  needs %s (%s)", width, clean(id), clean(x.Name), clean(x.StatusText)))
			}
		}
	}
	return lines
}

func writeCriticalSummary(w io.Writer, a *analysis) {
	cp := a.critical
	if len(cp.IDs) == 0 {
		fmt.Fprintln(w, "  no remaining work")
		return
	}
	fmt.Fprintf(w, "  %s days expected (optimistic %s, pessimistic %s)\n",
		days(cp.Expected), days(cp.Optimistic), days(cp.Pessimistic))
	var steps []string
	for i, id := range cp.IDs {
		step := fmt.Sprintf("%s (%sd)", clean(id), days(a.timings[id].Duration))
		if i < len(cp.IDs)-1 {
			step += " ->"
		}
		steps = append(steps, step)
	}
	wrapSteps(w, "  ", steps)
}

// wrapSteps writes space-separated steps, wrapping at the line width.
func wrapSteps(w io.Writer, indent string, steps []string) {
	line := indent
	for _, s := range steps {
		if line != indent && textWidth(line)+1+textWidth(s) > lineWidth {
			fmt.Fprintln(w, line)
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += s
	}
	fmt.Fprintln(w, line)
}

func writeProblems(e *env, problems []parser.Problem) error {
	bw := bufio.NewWriter(e.stdout)
	st := styler{e.color}
	for _, p := range problems {
		fmt.Fprintf(bw, "%s:%d: %s: %s: %s\n", clean(p.File), p.Line, st.severity(p.Severity), p.Code, clean(p.Message))
	}
	return bw.Flush()
}

func writeReady(e *env, a *analysis) error {
	bw := bufio.NewWriter(e.stdout)
	writeReadyRows(bw, a)
	return bw.Flush()
}

func writeBlocked(e *env, a *analysis) error {
	bw := bufio.NewWriter(e.stdout)
	writeBlockedRows(bw, a)
	return bw.Flush()
}

func writeHeldBack(e *env, a *analysis, h heldBackJSON) error {
	bw := bufio.NewWriter(e.stdout)
	if len(h.Waiting) == 0 {
		fmt.Fprintf(bw, "nothing waits on %s\n", clean(h.ID))
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s holds back %s:\n", clean(h.ID), heldBackText(h))
	for _, line := range packetRows(a, h.Waiting, nil) {
		fmt.Fprintln(bw, line)
	}
	return bw.Flush()
}

// heldBackText says how much waits on a packet: "4 packets, 10-14 days
// (expected 12)", short enough for one line with any ID.
func heldBackText(h heldBackJSON) string {
	r := h.Remaining
	span := days(r.Low) + "-" + days(r.High)
	if days(r.Low) == days(r.High) {
		span = days(r.Low)
	}
	return fmt.Sprintf("%s, %s days (expected %s)", plural(len(h.Waiting), "packet"), span, days(r.Expected))
}

func writeCritical(e *env, a *analysis) error {
	bw := bufio.NewWriter(e.stdout)
	writeCriticalSummary(bw, a)
	order := a.order(false)
	if len(order) == 0 {
		return bw.Flush()
	}
	width := max(idWidth(order), 2)
	tied := false
	fmt.Fprintf(bw, "\n  %-*s  %6s  %6s  %6s  %6s  %6s  %6s\n", width, "ID", "days", "ES", "EF", "LS", "LF", "slack")
	for _, id := range order {
		t := a.timings[id]
		mark := ""
		switch onPath, zeroSlack := a.onCriticalPath(id); {
		case onPath:
			mark = "  *"
		case zeroSlack:
			mark = "  +"
			tied = true
		}
		fmt.Fprintf(bw, "  %-*s  %6s  %6s  %6s  %6s  %6s  %6s%s\n", width, clean(id),
			days(t.Duration), days(t.EarliestStart), days(t.EarliestFinish), days(t.LatestStart), days(t.LatestFinish), days(t.Slack), mark)
	}
	fmt.Fprintln(bw, "\n  * on the critical path; days are working days from now")
	if tied {
		fmt.Fprintln(bw, "  + zero slack too: on another chain just as long (ties go by ID)")
	}
	return bw.Flush()
}
