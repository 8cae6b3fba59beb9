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

// mdTable writes a table; cells must already be escaped with mdCell.
// Columns whose header ends in ":" are right-aligned (numbers).
func mdTable(w io.Writer, header []string, rows [][]string) {
	var hs, seps []string
	for _, h := range header {
		if name, ok := strings.CutSuffix(h, ":"); ok {
			hs = append(hs, name)
			seps = append(seps, "--:")
		} else {
			hs = append(hs, h)
			seps = append(seps, "---")
		}
	}
	fmt.Fprintf(w, "| %s |\n|%s|\n", strings.Join(hs, " | "), strings.Join(seps, "|"))
	for _, r := range rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(r, " | "))
	}
}

// mdPacket returns the ID, priority, title and remaining effort cells of
// a packet record.
func mdPacket(p Packet) (idCell, prio, title, remaining string) {
	return mdCell(p.ID), p.PriorityText(), mdCell(p.Title), mdCell(p.RemainingText())
}

// WriteReportMarkdown is `plan --format markdown`: the plan as sections
// of tables to paste into a sprint document.
func WriteReportMarkdown(w io.Writer, a *Analysis) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "## Plan")
	fmt.Fprintln(bw)
	var sum strings.Builder
	writeSummary(&sum, a)
	for _, line := range strings.Split(strings.TrimSuffix(sum.String(), "\n"), "\n") {
		fmt.Fprintf(bw, "%s  \n", mdCell(line))
	}

	fmt.Fprintf(bw, "\n### Ready now (%d)\n\n", len(a.Ready))
	writeReadyMarkdown(bw, a)

	fmt.Fprintf(bw, "\n### Blocked (%d)\n\n", len(a.Blocked))
	blockedMarkdown(bw, a)

	fmt.Fprintln(bw, "\n### Build order by wave")
	fmt.Fprintln(bw)
	writeOrderMarkdown(bw, a)

	fmt.Fprintln(bw, "\n### Critical path")
	fmt.Fprintln(bw)
	writeCriticalPathMarkdown(bw, a)

	errs, warns := a.Counts()
	fmt.Fprintf(bw, "\n### Problems (%s, %s)\n\n", Plural(errs, "error"), Plural(warns, "warning"))
	if len(a.Problems) == 0 {
		fmt.Fprintln(bw, "None.")
	} else {
		var rows [][]string
		for _, p := range a.Problems {
			rows = append(rows, []string{mdCell(p.File), strconv.Itoa(p.Line), p.Severity.String(), mdCell(p.Code), mdCell(p.Message)})
		}
		mdTable(bw, []string{"File", "Line:", "Severity", "Code", "Message"}, rows)
	}
	return bw.Flush()
}

func writeReadyMarkdown(w io.Writer, a *Analysis) {
	if len(a.Ready) == 0 {
		fmt.Fprintln(w, "Nothing can start now.")
		return
	}
	var rows [][]string
	for _, p := range a.Packets(a.Ready) {
		idc, prio, title, rem := mdPacket(p)
		status := ""
		if p.Status == parser.InProgress {
			status = p.StatusText()
		}
		rows = append(rows, []string{idc, prio, title, rem, status})
	}
	mdTable(w, []string{"ID", "Priority", "Title", "Remaining", "Status"}, rows)
}

func blockedMarkdown(w io.Writer, a *Analysis) {
	if len(a.Blocked) == 0 {
		fmt.Fprintln(w, "Nothing is blocked.")
		return
	}
	var rows [][]string
	for b := range a.eachBlockedPacket() {
		idc, prio, title, _ := mdPacket(b.Packet)
		rows = append(rows, []string{idc, prio, title, strings.Join(b.Reasons(mdCell), ", ")})
	}
	mdTable(w, []string{"ID", "Priority", "Title", "Waits on"}, rows)
}

func writeOrderMarkdown(w io.Writer, a *Analysis) {
	byWave := a.OrderByWave()
	if len(byWave) == 0 {
		fmt.Fprintln(w, "Nothing left to build.")
		return
	}
	var rows [][]string
	for i, ids := range byWave {
		for _, p := range a.Packets(ids) {
			idc, prio, title, rem := mdPacket(p)
			rows = append(rows, []string{strconv.Itoa(i), idc, prio, title, rem})
		}
	}
	mdTable(w, []string{"Wave:", "ID", "Priority", "Title", "Remaining"}, rows)
}

// writeCriticalPathMarkdown writes the critical path's length and its
// packets in order.
func writeCriticalPathMarkdown(w io.Writer, a *Analysis) {
	cp := a.Critical
	if len(cp.IDs) == 0 {
		fmt.Fprintln(w, "No remaining work.")
		return
	}
	fmt.Fprintf(w, "%s days expected (optimistic %s, pessimistic %s).\n\n", graph.Days(cp.Expected), graph.Days(cp.Optimistic), graph.Days(cp.Pessimistic))
	var rows [][]string
	for i, id := range cp.IDs {
		t := a.Timing(id)
		rows = append(rows, []string{strconv.Itoa(i + 1), mdCell(id), mdCell(t.Title), graph.Days(t.Duration), graph.Days(t.EarliestStart), graph.Days(t.EarliestFinish)})
	}
	mdTable(w, []string{"Step:", "ID", "Title", "Days:", "Start:", "Finish:"}, rows)
}

// WriteBlockedMarkdown is `plan blocked --format markdown`.
func WriteBlockedMarkdown(w io.Writer, a *Analysis) error {
	return buffered(w, func(w io.Writer) { blockedMarkdown(w, a) })
}

// WriteHeldBackMarkdown is `plan blocked --by ID --format markdown`.
func WriteHeldBackMarkdown(w io.Writer, a *Analysis, h HeldBack) error {
	return buffered(w, func(w io.Writer) {
		if len(h.Waiting) == 0 {
			fmt.Fprintf(w, "Nothing waits on %s.\n", mdCell(h.ID))
			return
		}
		fmt.Fprintf(w, "%s holds back %s.\n\n", mdCell(h.ID), heldBackText(h))
		var rows [][]string
		for _, p := range a.Packets(h.Waiting) {
			idc, prio, title, rem := mdPacket(p)
			rows = append(rows, []string{idc, prio, title, rem})
		}
		mdTable(w, []string{"ID", "Priority", "Title", "Remaining"}, rows)
	})
}

// WriteCriticalMarkdown is `plan critical --format markdown`: the path,
// then ES, EF, LS, LF and slack of every unfinished packet in build order.
func WriteCriticalMarkdown(w io.Writer, a *Analysis) error {
	bw := bufio.NewWriter(w)
	writeCriticalPathMarkdown(bw, a)
	if timings := a.OrderTimings(); len(timings) > 0 {
		var rows [][]string
		for _, t := range timings {
			mark := ""
			switch {
			case t.OnPath:
				mark = "yes"
			case t.ZeroSlack:
				mark = "zero slack"
			}
			rows = append(rows, []string{mdCell(t.ID), graph.Days(t.Duration), graph.Days(t.EarliestStart), graph.Days(t.EarliestFinish),
				graph.Days(t.LatestStart), graph.Days(t.LatestFinish), graph.Days(t.Slack), mark})
		}
		fmt.Fprintln(bw)
		mdTable(bw, []string{"ID", "Days:", "ES:", "EF:", "LS:", "LF:", "Slack:", "Critical"}, rows)
		fmt.Fprintln(bw, "\nDays are working days from now.")
	}
	return bw.Flush()
}
