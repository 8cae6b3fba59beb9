package change

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/graph"
)

const dateLayout = "2006-01-02"

// WriteHistoryText writes the history as a table within 80 columns, one
// row per point, oldest first.
func WriteHistoryText(w io.Writer, points []Point, forecast bool) error {
	bw := bufio.NewWriter(w)
	if len(points) == 0 {
		fmt.Fprintln(bw, "No commit touched the folder.")
		return bw.Flush()
	}
	head := fmt.Sprintf("%-7s  %-10s %5s %4s %4s %4s  %11s  %6s", "commit", "date", "all", "done", "wip", "todo", "remaining", "crit")
	if forecast {
		head += fmt.Sprintf("  %6s  %6s", "P50", "P80")
	}
	fmt.Fprintln(bw, head)
	for _, p := range points {
		rem := fmt.Sprintf("%s-%s", graph.Days(p.Remaining.Low), graph.Days(p.Remaining.High))
		line := fmt.Sprintf("%-7s  %-10s %5d %4d %4d %4d  %11s  %6s", shortHash(p.Commit), p.Date.Format(dateLayout),
			p.Counts.Total(), p.Counts.Complete, p.Counts.InProgress, p.Counts.NotStarted, rem, graph.Days(p.Critical))
		if forecast {
			line += fmt.Sprintf("  %6s  %6s", graph.Days(p.P50), graph.Days(p.P80))
		}
		fmt.Fprintln(bw, line)
	}
	fmt.Fprintln(bw, "Days are working days of remaining work; crit is the expected critical path.")
	return bw.Flush()
}

// WriteHistoryCSV writes the history as CSV with a header row.
func WriteHistoryCSV(w io.Writer, points []Point) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"commit", "date", "subject", "packets", "complete", "in_progress", "not_started", "cancelled",
		"remaining_low", "remaining_expected", "remaining_high", "critical_path", "p50", "p80", "errors", "cycles"})
	for _, p := range points {
		_ = cw.Write([]string{p.Commit, p.Date.Format(dateLayout), termtext.CSVCell(p.Subject),
			strconv.Itoa(p.Counts.Total()), strconv.Itoa(p.Counts.Complete), strconv.Itoa(p.Counts.InProgress),
			strconv.Itoa(p.Counts.NotStarted), strconv.Itoa(p.Counts.Cancelled),
			graph.Days(p.Remaining.Low), graph.Days(p.Remaining.Expected), graph.Days(p.Remaining.High), graph.Days(p.Critical),
			graph.Days(p.P50), graph.Days(p.P80), strconv.Itoa(p.Errors), strconv.Itoa(p.Cycles)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteHistorySVG draws a burn-down of the remaining expected effort (with
// its low-high band) and a burn-up of complete packets, one point per
// commit, left to right in commit order.
func WriteHistorySVG(w io.Writer, points []Point) error {
	const (
		width, height        = 720, 360
		left, right, top, bt = 60, 60, 30, 50
	)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(bw, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	fmt.Fprintln(bw, `<text x="60" y="18" font-size="14">Remaining effort (working days, blue) and complete packets (green)</text>`)
	if len(points) == 0 {
		fmt.Fprintln(bw, `<text x="60" y="60">No commit touched the folder.</text>`)
		fmt.Fprintln(bw, "</svg>")
		return bw.Flush()
	}
	maxDays, maxCount := 1.0, 1
	for _, p := range points {
		maxDays = math.Max(maxDays, p.Remaining.High)
		maxCount = max(maxCount, p.Counts.Total())
	}
	plotW, plotH := float64(width-left-right), float64(height-top-bt)
	x := func(i int) float64 {
		if len(points) == 1 {
			return float64(left) + plotW/2
		}
		return float64(left) + plotW*float64(i)/float64(len(points)-1)
	}
	yDays := func(v float64) float64 { return float64(top) + plotH*(1-v/maxDays) }
	yCount := func(v int) float64 { return float64(top) + plotH*(1-float64(v)/float64(maxCount)) }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	// Axes.
	fmt.Fprintf(bw, `<path d="M%d %d V%d H%d V%d" fill="none" stroke="#444"/>`+"\n", left, top, height-bt, width-right, top)
	fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", left-4, top+4, graph.Days(maxDays))
	fmt.Fprintf(bw, `<text x="%d" y="%d" text-anchor="end">0</text>`+"\n", left-4, height-bt+4)
	fmt.Fprintf(bw, `<text x="%d" y="%d">%d</text>`+"\n", width-right+4, top+4, maxCount)
	fmt.Fprintf(bw, `<text x="%d" y="%d">0</text>`+"\n", width-right+4, height-bt+4)
	// The low-high band, then the expected line, then the burn-up.
	fmt.Fprint(bw, `<path fill="#cfe0f5" stroke="none" d="`)
	for i, p := range points {
		cmd := "L"
		if i == 0 {
			cmd = "M"
		}
		fmt.Fprintf(bw, "%s%s %s ", cmd, f(x(i)), f(yDays(p.Remaining.High)))
	}
	for i := len(points) - 1; i >= 0; i-- {
		fmt.Fprintf(bw, "L%s %s ", f(x(i)), f(yDays(points[i].Remaining.Low)))
	}
	fmt.Fprintln(bw, `Z"/>`)
	line := func(color string, y func(Point) float64) {
		fmt.Fprintf(bw, `<polyline fill="none" stroke="%s" stroke-width="2" points="`, color)
		for i, p := range points {
			if i > 0 {
				fmt.Fprint(bw, " ")
			}
			fmt.Fprintf(bw, "%s,%s", f(x(i)), f(y(p)))
		}
		fmt.Fprintln(bw, `"/>`)
	}
	line("#1f5fa8", func(p Point) float64 { return yDays(p.Remaining.Expected) })
	line("#2e8b3a", func(p Point) float64 { return yCount(p.Counts.Complete) })
	// Dates under the first and last points.
	first, last := points[0], points[len(points)-1]
	fmt.Fprintf(bw, `<text x="%s" y="%d" text-anchor="start">%s</text>`+"\n", f(x(0)), height-bt+18, first.Date.Format(dateLayout))
	if len(points) > 1 {
		fmt.Fprintf(bw, `<text x="%s" y="%d" text-anchor="end">%s</text>`+"\n", f(x(len(points)-1)), height-bt+18, last.Date.Format(dateLayout))
	}
	fmt.Fprintf(bw, `<text x="%d" y="%d">%d commits</text>`+"\n", left, height-bt+36, len(points))
	fmt.Fprintln(bw, "</svg>")
	return bw.Flush()
}
