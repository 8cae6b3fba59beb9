package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// lineWidth is the width the text formats are laid out for, unless the
// Style gives a terminal's.
const lineWidth = 80

// Style is how the text formats look: Color adds terminal colour to
// headings and severities (only for a terminal that allows it); Width is
// the terminal's width, 0 for the usual 80 columns.
type Style struct {
	Color bool
	Width int
}

// width is the line width s lays text out for: the terminal's, but never
// under 40 columns, where the tables would be all truncation marks.
func (s Style) width() int {
	if s.Width <= 0 {
		return lineWidth
	}
	return max(s.Width, 40)
}

// styler adds terminal colour when the Style allows it.
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

// Plural writes n and word, with an s unless n is 1: "1 packet", "3 packets".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// WriteLines writes one line per item, each escaped for the terminal
// (plan order).
func WriteLines(w io.Writer, lines []string) error {
	bw := bufio.NewWriter(w)
	for _, l := range lines {
		fmt.Fprintln(bw, clean(l))
	}
	return bw.Flush()
}

// wrapList writes items separated by ", " after prefix, wrapping at the
// line width with continuation lines indented like the first item.
func wrapList(w io.Writer, width int, prefix string, items []string) {
	indent := strings.Repeat(" ", textWidth(prefix))
	line := prefix
	for i, it := range items {
		sep := ""
		if i < len(items)-1 {
			sep = ","
		}
		piece := it + sep
		if line != prefix && line != indent && textWidth(line)+1+textWidth(piece) > width {
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
// columns fitted to width columns, truncating titles when they must.
func packetRows(width int, packets []Packet, note func(p Packet) string) []string {
	type row struct{ id, prio, title, effort, note string }
	rows := make([]row, len(packets))
	ids := make([]string, len(packets))
	for i, p := range packets {
		ids[i] = p.ID
	}
	idW, titleW, effortW, noteW := idWidth(ids), 0, 0, 0
	for i, p := range packets {
		r := row{id: clean(p.ID), prio: p.PriorityText(), title: clean(p.Title), effort: p.RemainingText()}
		if r.prio == "" {
			r.prio = "--"
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
	titleW = max(min(titleW, width-fixed), 12)
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

// idWidth is the width of an ID column: that of the widest ID, since IDs
// are never cut (a narrower column pushed the rest of a long ID's row out
// of line with the others).
func idWidth(ids []string) int {
	w := 0
	for _, id := range ids {
		w = max(w, textWidth(clean(id)))
	}
	return w
}

func writeSummary(w io.Writer, a *Analysis) {
	if len(a.Set.Packets) == 0 {
		fmt.Fprintln(w, "No work packets found.")
	} else {
		fmt.Fprintf(w, "%s: %s\n", Plural(len(a.Set.Packets), "packet"), a.StatusCounts())
	}
	skipped := "none skipped"
	switch n, t := len(a.Set.Skipped), len(a.Set.Templates); {
	case n > 1 && n == len(a.Set.Files):
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
	fmt.Fprintf(w, "%s read, %s\n", Plural(len(a.Set.Files), "markdown file"), skipped)
	if len(a.Set.Packets) == 0 && len(a.Set.Files) > 0 {
		// The words of the "no work packets" hint, on two lines.
		fmt.Fprintln(w, "A packet is a markdown file "+packetTitleLike)
		fmt.Fprintln(w, packetTitleWhere+".")
	}
}

func writeReadyRows(w io.Writer, width int, a *Analysis) {
	if len(a.Ready) == 0 {
		fmt.Fprintln(w, "  nothing can start now")
		return
	}
	for _, line := range packetRows(width, a.Packets(a.Ready), func(p Packet) string {
		if p.Status == parser.InProgress {
			return p.StatusText()
		}
		return ""
	}) {
		fmt.Fprintln(w, line)
	}
}

func writeBlockedRows(w io.Writer, lineW int, a *Analysis) {
	if len(a.Blocked) == 0 {
		fmt.Fprintln(w, "  nothing is blocked")
		return
	}
	ids := make([]string, len(a.Blocked))
	for i, b := range a.Blocked {
		ids[i] = b.ID
	}
	width := idWidth(ids)
	for b := range a.eachBlockedPacket() {
		wrapList(w, lineW, fmt.Sprintf("  %-*s  waits on ", width, clean(b.ID)), b.Reasons(clean))
	}
}

func writeCriticalSummary(w io.Writer, width int, a *Analysis) {
	cp := a.Critical
	if len(cp.IDs) == 0 {
		fmt.Fprintln(w, "  no remaining work")
		return
	}
	fmt.Fprintf(w, "  %s days expected (optimistic %s, pessimistic %s)\n",
		graph.Days(cp.Expected), graph.Days(cp.Optimistic), graph.Days(cp.Pessimistic))
	wrapSteps(w, width, "  ", criticalSteps(a))
}

// criticalSteps are the critical path's packets with their expected days,
// each but the last followed by "->", ready for wrapSteps: the text report
// and the default view print the path alike.
func criticalSteps(a *Analysis) []string {
	ids := a.Critical.IDs
	steps := make([]string, 0, len(ids))
	for i, id := range ids {
		step := fmt.Sprintf("%s (%sd)", clean(id), graph.Days(a.Timing(id).Duration))
		if i < len(ids)-1 {
			step += " ->"
		}
		steps = append(steps, step)
	}
	return steps
}

// wrapSteps writes space-separated steps, wrapping at the line width.
func wrapSteps(w io.Writer, width int, indent string, steps []string) {
	line := indent
	for _, s := range steps {
		if line != indent && textWidth(line)+1+textWidth(s) > width {
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

// WriteProblems is plan check's text: one problem per line,
// FILE:LINE: severity: code: message.
func WriteProblems(w io.Writer, problems []parser.Problem, style Style) error {
	bw := bufio.NewWriter(w)
	st := styler{style.Color}
	for _, p := range problems {
		fmt.Fprintf(bw, "%s:%d: %s: %s: %s\n", cleanPath(p.File), p.Line, st.severity(p.Severity), p.Code, clean(p.Message))
	}
	return bw.Flush()
}

// WriteReady is plan ready's text: the packets that can start now.
func WriteReady(w io.Writer, a *Analysis) error {
	return buffered(w, func(w io.Writer) { writeReadyRows(w, lineWidth, a) })
}

// WriteBlocked is plan blocked's text: each blocked packet and what it
// waits on.
func WriteBlocked(w io.Writer, a *Analysis) error {
	return buffered(w, func(w io.Writer) { writeBlockedRows(w, lineWidth, a) })
}

// WriteHeldBack is plan blocked --by's text: what waits on the packet and
// the effort it holds back.
func WriteHeldBack(w io.Writer, a *Analysis, h HeldBack) error {
	return buffered(w, func(w io.Writer) {
		if len(h.Waiting) == 0 {
			fmt.Fprintf(w, "nothing waits on %s\n", clean(h.ID))
			return
		}
		fmt.Fprintf(w, "%s holds back %s:\n", clean(h.ID), heldBackText(h))
		for _, line := range packetRows(lineWidth, a.Packets(h.Waiting), nil) {
			fmt.Fprintln(w, line)
		}
	})
}

// buffered runs write over a buffer on w and flushes it, returning the
// first write error: the writers need check no Fprintf of their own.
func buffered(w io.Writer, write func(w io.Writer)) error {
	bw := bufio.NewWriter(w)
	write(bw)
	return bw.Flush()
}

// heldBackText says how much waits on a packet: "4 packets, 10-14 days
// (expected 12)", short enough for one line with any ID.
func heldBackText(h HeldBack) string {
	r := h.Remaining
	span := graph.Days(r.Low) + "-" + graph.Days(r.High)
	if graph.Days(r.Low) == graph.Days(r.High) {
		span = graph.Days(r.Low)
	}
	return fmt.Sprintf("%s, %s days (expected %s)", Plural(len(h.Waiting), "packet"), span, graph.Days(r.Expected))
}

// WriteCritical is plan critical's text: the critical path, then each
// unfinished packet's ES, EF, LS, LF and slack in build order.
func WriteCritical(w io.Writer, a *Analysis) error {
	bw := bufio.NewWriter(w)
	writeCriticalSummary(bw, lineWidth, a)
	timings := a.OrderTimings()
	if len(timings) == 0 {
		return bw.Flush()
	}
	ids := make([]string, len(timings))
	for i, t := range timings {
		ids[i] = t.ID
	}
	width := max(idWidth(ids), 2)
	tied := false
	// The header spells out earliest and latest start and finish (the
	// method's ES, EF, LS, LF) over two lines, so the columns stay narrow.
	fmt.Fprintf(bw, "\n  %-*s  %6s  %-14s  %s\n", width, "", "", "      earliest", "        latest")
	fmt.Fprintf(bw, "  %-*s  %6s  %6s  %6s  %6s  %6s  %6s\n", width, "ID", "days", "start", "finish", "start", "finish", "slack")
	for _, t := range timings {
		mark := ""
		switch {
		case t.OnPath:
			mark = "  *"
		case t.ZeroSlack:
			mark = "  +"
			tied = true
		}
		fmt.Fprintf(bw, "  %-*s  %6s  %6s  %6s  %6s  %6s  %6s%s\n", width, clean(t.ID),
			graph.Days(t.Duration), graph.Days(t.EarliestStart), graph.Days(t.EarliestFinish), graph.Days(t.LatestStart), graph.Days(t.LatestFinish), graph.Days(t.Slack), mark)
	}
	fmt.Fprintln(bw, "\n  * on the critical path; days are working days from now")
	if tied {
		fmt.Fprintln(bw, "  + zero slack too: on another chain just as long (ties go by ID)")
	}
	return bw.Flush()
}
