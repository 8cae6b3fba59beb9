package main

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workpackets/plan/internal/hiddentext"
	"github.com/workpackets/plan/parser"
)

// mdCell makes packet text safe inside a GitHub-flavoured markdown table
// cell: line breaks and the other characters hiddentext hides (controls,
// zero-width and format characters, invalid bytes) become spaces (a line
// break would end the row), | and the characters markdown reads as
// emphasis, code, links, strikethrough or math (\ ` * _ [ ] ~ $) are
// backslash-escaped, and < > & are written as HTML entities so no tag or
// entity in a title reaches the page.
func mdCell(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case hiddentext.Hidden(r, size):
			b.WriteByte(' ')
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\`*_[]~$|", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

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

// mdPacket returns the ID, priority and title cells of a packet.
func mdPacket(a *analysis, id string) (idCell, prio, title string) {
	prio = a.graph.EffectivePriority(id).String()
	if p := a.graph.Packet(id); p != nil {
		title = mdCell(p.Title)
	}
	return mdCell(id), prio, title
}

// mdRemaining is the remaining effort of a packet, as in the text report.
func mdRemaining(a *analysis, id string) string {
	p := a.graph.Packet(id)
	if p == nil || p.Effort == nil {
		return "no estimate"
	}
	rem := p.Remaining()
	return mdCell(effortText(&rem))
}

// writeReportMarkdown is `plan --format markdown`: the plan as sections
// of tables to paste into a sprint document.
func writeReportMarkdown(w io.Writer, a *analysis) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "## Plan")
	fmt.Fprintln(bw)
	var sum strings.Builder
	writeSummary(&sum, a)
	for _, line := range strings.Split(strings.TrimSuffix(sum.String(), "\n"), "\n") {
		fmt.Fprintf(bw, "%s  \n", mdCell(line))
	}

	fmt.Fprintf(bw, "\n### Ready now (%d)\n\n", len(a.ready))
	writeReadyMarkdown(bw, a)

	fmt.Fprintf(bw, "\n### Blocked (%d)\n\n", len(a.blocked))
	writeBlockedMarkdown(bw, a)

	fmt.Fprintln(bw, "\n### Build order by wave")
	fmt.Fprintln(bw)
	writeOrderMarkdown(bw, a)

	fmt.Fprintln(bw, "\n### Critical path")
	fmt.Fprintln(bw)
	writeCriticalPathMarkdown(bw, a)

	errs, warns := a.counts()
	fmt.Fprintf(bw, "\n### Problems (%s, %s)\n\n", plural(errs, "error"), plural(warns, "warning"))
	if len(a.problems) == 0 {
		fmt.Fprintln(bw, "None.")
	} else {
		var rows [][]string
		for _, p := range a.problems {
			rows = append(rows, []string{mdCell(p.File), strconv.Itoa(p.Line), p.Severity.String(), mdCell(p.Code), mdCell(p.Message)})
		}
		mdTable(bw, []string{"File", "Line:", "Severity", "Code", "Message"}, rows)
	}
	return bw.Flush()
}

func writeReadyMarkdown(w io.Writer, a *analysis) {
	if len(a.ready) == 0 {
		fmt.Fprintln(w, "Nothing can start now.")
		return
	}
	var rows [][]string
	for _, id := range a.ready {
		idc, prio, title := mdPacket(a, id)
		status := ""
		if p := a.graph.Packet(id); p.Status == parser.InProgress {
			status = statusText(p)
		}
		rows = append(rows, []string{idc, prio, title, mdRemaining(a, id), status})
	}
	mdTable(w, []string{"ID", "Priority", "Title", "Remaining", "Status"}, rows)
}

func writeBlockedMarkdown(w io.Writer, a *analysis) {
	if len(a.blocked) == 0 {
		fmt.Fprintln(w, "Nothing is blocked.")
		return
	}
	var rows [][]string
	for _, b := range a.blocked {
		idc, prio, title := mdPacket(a, b.ID)
		rows = append(rows, []string{idc, prio, title, strings.Join(blockReasons(b, mdCell), ", ")})
	}
	mdTable(w, []string{"ID", "Priority", "Title", "Waits on"}, rows)
}

func writeOrderMarkdown(w io.Writer, a *analysis) {
	byWave := a.orderByWave()
	if len(byWave) == 0 {
		fmt.Fprintln(w, "Nothing left to build.")
		return
	}
	var rows [][]string
	for i, ids := range byWave {
		for _, id := range ids {
			idc, prio, title := mdPacket(a, id)
			rows = append(rows, []string{strconv.Itoa(i), idc, prio, title, mdRemaining(a, id)})
		}
	}
	mdTable(w, []string{"Wave:", "ID", "Priority", "Title", "Remaining"}, rows)
}

// writeCriticalPathMarkdown writes the critical path's length and its
// packets in order.
func writeCriticalPathMarkdown(w io.Writer, a *analysis) {
	cp := a.critical
	if len(cp.IDs) == 0 {
		fmt.Fprintln(w, "No remaining work.")
		return
	}
	fmt.Fprintf(w, "%s days expected (optimistic %s, pessimistic %s).\n\n", days(cp.Expected), days(cp.Optimistic), days(cp.Pessimistic))
	var rows [][]string
	for i, id := range cp.IDs {
		idc, _, title := mdPacket(a, id)
		t := a.timings[id]
		rows = append(rows, []string{strconv.Itoa(i + 1), idc, title, days(t.Duration), days(t.EarliestStart), days(t.EarliestFinish)})
	}
	mdTable(w, []string{"Step:", "ID", "Title", "Days:", "Start:", "Finish:"}, rows)
}

// writeBlockedMarkdownDoc is `plan blocked --format markdown`.
func writeBlockedMarkdownDoc(w io.Writer, a *analysis) error {
	bw := bufio.NewWriter(w)
	writeBlockedMarkdown(bw, a)
	return bw.Flush()
}

// writeHeldBackMarkdown is `plan blocked --by ID --format markdown`.
func writeHeldBackMarkdown(w io.Writer, a *analysis, h heldBackJSON) error {
	bw := bufio.NewWriter(w)
	if len(h.Waiting) == 0 {
		fmt.Fprintf(bw, "Nothing waits on %s.\n", mdCell(h.ID))
		return bw.Flush()
	}
	fmt.Fprintf(bw, "%s holds back %s.\n\n", mdCell(h.ID), heldBackText(h))
	var rows [][]string
	for _, id := range h.Waiting {
		idc, prio, title := mdPacket(a, id)
		rows = append(rows, []string{idc, prio, title, mdRemaining(a, id)})
	}
	mdTable(bw, []string{"ID", "Priority", "Title", "Remaining"}, rows)
	return bw.Flush()
}

// writeCriticalMarkdown is `plan critical --format markdown`: the path,
// then ES, EF, LS, LF and slack of every unfinished packet in build order.
func writeCriticalMarkdown(w io.Writer, a *analysis) error {
	bw := bufio.NewWriter(w)
	writeCriticalPathMarkdown(bw, a)
	order := a.order(false)
	if len(order) > 0 {
		var rows [][]string
		for _, id := range order {
			t := a.timings[id]
			mark := ""
			switch onPath, zeroSlack := a.onCriticalPath(id); {
			case onPath:
				mark = "yes"
			case zeroSlack:
				mark = "zero slack"
			}
			rows = append(rows, []string{mdCell(id), days(t.Duration), days(t.EarliestStart), days(t.EarliestFinish),
				days(t.LatestStart), days(t.LatestFinish), days(t.Slack), mark})
		}
		fmt.Fprintln(bw)
		mdTable(bw, []string{"ID", "Days:", "ES:", "EF:", "LS:", "LF:", "Slack:", "Critical"}, rows)
		fmt.Fprintln(bw, "\nDays are working days from now.")
	}
	return bw.Flush()
}
