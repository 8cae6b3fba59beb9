package report

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// screenLines is the height the default view is laid out for: an 80x24
// terminal less the command line above it and the prompt below.
const screenLines = 22

// minRows is how many rows of the ready and of the blocked table the view
// shows at least, however many problem lines there are.
const minRows = 3

// viewWork bounds the forecast line's simulation, in packets times
// iterations: up to 200 unfinished packets it runs plan estimate's 10,000
// iterations, so both print the same P50 and P80 (about 2 ms of CPU for
// codex's 15); beyond, fewer (at least 100), and the line says how many.
const viewWork = 2_000_000

// viewIterations is the forecast line's number of simulated projects for
// n unfinished packets.
func viewIterations(n int) int {
	if n*schedule.DefaultIterations <= viewWork {
		return schedule.DefaultIterations
	}
	return max(viewWork/n, 100)
}

// legendLine explains the mark on a priority the packet's file does not
// give it.
const legendLine = "* effective priority: a more urgent packet waits on it (the file says less)"

// ViewOptions is how the default view is drawn and what it is told besides
// the analysis.
type ViewOptions struct {
	Style
	// Team is the number of people the forecast plans with (--team or
	// plan.yaml's team), 0 for unlimited.
	Team int
	// Dist and Seed are the forecast's distribution and seed (plan.yaml's,
	// or the defaults, as for plan estimate).
	Dist schedule.Distribution
	Seed uint64
	// AllProblems (--problems, -v) lists every problem in full; otherwise
	// warnings are one line per code.
	AllProblems bool
	// Files (-v) adds the line that says how many files were read and
	// skipped.
	Files bool
}

// ForecastSettings are plan.yaml's distribution and seed for the view's
// forecast, as plan estimate reads them; cfg nil, or a key unset, leaves
// the defaults.
func (o *ViewOptions) ForecastSettings(cfg *parser.Config) {
	if cfg == nil {
		return
	}
	if cfg.Dist != "" {
		o.Dist, _ = schedule.ParseDistribution(cfg.Dist) // checked when plan.yaml is read
	}
	if cfg.Seed != nil {
		o.Seed = *cfg.Seed
	}
}

// WriteReport is the default view, `plan [PATH...]`: the counts, what is
// ready now and what is blocked and by what, the critical path, the
// forecast and the problems, laid out to fit one 80x24 screen for a folder
// of a few dozen packets. Long lists are cut with a line that names the
// command listing them all. Errors (cycles, duplicate IDs) are always
// shown in full.
func WriteReport(w io.Writer, a *Analysis, opts ViewOptions) error {
	st := styler{opts.Color}
	var head strings.Builder
	writeSummary(&head, a)
	if len(a.Set.Packets) == 0 {
		_, err := io.WriteString(w, head.String())
		return err
	}
	if !opts.Files {
		// Which files were read and skipped is -v's business.
		first, _, _ := strings.Cut(head.String(), "\n")
		head.Reset()
		head.WriteString(first + "\n")
	}
	tail := viewTail(a, opts, st)
	// Both tables share the ID column's width, at least their headings'.
	ids := slices.Clone(a.Ready)
	for _, b := range a.Blocked {
		ids = append(ids, b.ID)
	}
	idW := max(idWidth(ids)+2, textWidth(readyHeading(a)), textWidth(blockedHeading(a)))
	marked := make([]bool, max(len(a.Ready), 1))
	for i, id := range a.Ready {
		p := a.Graph.Packet(id)
		marked[i] = p.Priority != a.Graph.EffectivePriority(id)
	}
	readyRows := max(len(a.Ready), 1) // "nothing can start now"
	legend := legendLine

	fixed := strings.Count(head.String(), "\n") + 2 + len(tail)
	budget := max(screenLines-fixed, 2*minRows+2)
	blocked := viewBlockedRows(a, idW, opts.width(), budget)
	readyN, blockedN := splitRows(readyRows, blockedLines(blocked), budget-1)
	if !slices.Contains(marked[:readyN], true) {
		// No row shown needs the legend: its line goes to the tables.
		legend = ""
		readyN, blockedN = splitRows(readyRows, blockedLines(blocked), budget)
		if slices.Contains(marked[:readyN], true) {
			readyN, blockedN = splitRows(readyRows, blockedLines(blocked), budget-1)
			legend = legendLine
		}
	}
	// The columns fit the rows shown.
	ready := viewReadyRows(a, idW, readyN, opts.width())

	bw := bufio.NewWriter(w)
	bw.WriteString(head.String())
	fmt.Fprintln(bw, st.heading(ready.header))
	writeCut(bw, ready, len(ready.rows), "")
	if readyN < len(a.Ready) {
		fmt.Fprintf(bw, "  ... and %d more (plan ready lists all)\n", len(a.Ready)-readyN)
	}
	fmt.Fprintln(bw, st.heading(blocked.header))
	writeCut(bw, blocked, blockedN, "plan blocked")
	for _, l := range tail {
		fmt.Fprintln(bw, l)
	}
	if legend != "" {
		fmt.Fprintln(bw, legend)
	}
	return bw.Flush()
}

// splitRows shares budget lines between the ready rows (one line each)
// and the blocked rows (the lines of each), half each, a table that needs
// less giving the rest to the other. A cut table spends one of its lines
// on "... and N more".
func splitRows(ready int, blocked []int, budget int) (readyN, blockedN int) {
	total := 0
	for _, n := range blocked {
		total += n
	}
	half := budget / 2
	readyLines := min(ready, max(half, budget-total))
	blockedLines := budget - readyLines
	readyN = fitRows(slices.Repeat([]int{1}, ready), readyLines)
	blockedN = fitRows(blocked, blockedLines)
	return readyN, blockedN
}

// fitRows is how many of rows (their line counts) fit in lines, keeping
// one line for "... and N more" when not all do.
func fitRows(rows []int, lines int) int {
	total := 0
	for _, n := range rows {
		total += n
	}
	if total <= lines {
		return len(rows)
	}
	used, k := 0, 0
	for k < len(rows) && used+rows[k] <= lines-1 {
		used += rows[k]
		k++
	}
	return max(k, 1)
}

func blockedLines(t viewTable) []int {
	out := make([]int, len(t.rows))
	for i, r := range t.rows {
		out[i] = len(r)
	}
	return out
}

// writeCut writes the first n of t's rows and, when that is not all, a
// line naming the command that lists them all.
func writeCut(w io.Writer, t viewTable, n int, command string) {
	for _, r := range t.rows[:min(n, len(t.rows))] {
		for _, l := range r {
			fmt.Fprintln(w, l)
		}
	}
	if all := len(t.rows) + t.unbuilt; n < all {
		fmt.Fprintf(w, "  ... and %d more (%s lists all)\n", all-n, command)
	}
}

// viewTable is a table of the view: its heading line, which carries the
// column headers, and its rows, each one or more lines; unbuilt more rows
// follow that no screen shows, counted but not laid out.
type viewTable struct {
	header  string
	rows    [][]string
	unbuilt int
}

// viewReadyRows is the ready table's first n rows: ID, effective priority,
// title, remaining effort, and a note (in progress, an at-risk external).
func viewReadyRows(a *Analysis, idW, n, width int) viewTable {
	heading := readyHeading(a)
	if len(a.Ready) == 0 {
		return viewTable{header: heading, rows: [][]string{{"  nothing can start now"}}}
	}
	type row struct{ id, prio, title, effort, note string }
	packets := a.Packets(a.Ready[:n])
	rows := make([]row, len(packets))
	prioW, effortW, noteW, titleW := len("pri"), len("remaining"), 0, 0
	for i, p := range packets {
		r := row{id: clean(p.ID), prio: p.PriorityText(), title: clean(p.Title), effort: p.RemainingText(), note: readyNote(p)}
		if r.prio == "" {
			r.prio = "--"
		}
		if p.Priority != p.EffectivePriority {
			r.prio += "*"
		}
		prioW = max(prioW, len(r.prio))
		effortW = max(effortW, textWidth(r.effort))
		noteW = max(noteW, textWidth(r.note))
		titleW = max(titleW, textWidth(r.title))
		rows[i] = r
	}
	// A note gets up to 24 columns, as long as the title keeps 16.
	fixed := idW + 2 + prioW + 2 + 2 + effortW
	if noteW > 0 {
		noteW = max(min(noteW, 24, width-fixed-2-min(titleW, 16)), 8)
		fixed += 2 + noteW
	}
	titleW = max(min(titleW, width-fixed), 12)
	var out viewTable
	out.header = strings.TrimRight(fmt.Sprintf("%s  %s  %s  %*s", pad(heading, idW), pad("pri", prioW), pad("title", titleW), effortW, "remaining"), " ")
	for _, r := range rows {
		line := fmt.Sprintf("  %s  %s  %s  %*s", pad(truncate(r.id, idW-2), idW-2), pad(r.prio, prioW), pad(truncate(r.title, titleW), titleW), effortW, r.effort)
		if r.note != "" {
			line += "  " + truncate(r.note, noteW)
		}
		out.rows = append(out.rows, []string{strings.TrimRight(line, " ")})
	}
	return out
}

// readyNote says that a ready packet is under way, and how far.
func readyNote(p Packet) string {
	if p.Status == parser.InProgress {
		return p.StatusText()
	}
	return ""
}

// viewBlockedRows is the blocked table: each blocked packet and what it
// waits on, those held up by an external, a missing file or their own
// status first (nothing in the plan will free them), then those that wait
// on unfinished packets, each group in the graph's order. Rows are laid
// out until they take more than lines, the most the view has for both
// tables (splitRows and fitRows then cut it as they would the whole
// table); the others are only counted: at 100,000 packets, laying out
// the 70,000 rows no screen shows held ~30 MB.
func viewBlockedRows(a *Analysis, idW, width, lines int) viewTable {
	heading := blockedHeading(a)
	if len(a.Blocked) == 0 {
		return viewTable{header: heading, rows: [][]string{{"  nothing is blocked"}}}
	}
	out := viewTable{header: pad(heading, idW) + "  waits on"}
	used := 0
	for _, outside := range []bool{true, false} {
		for _, b := range a.Blocked {
			if (len(b.External)+len(b.Missing) > 0 || b.ByStatus) != outside || used > lines {
				continue
			}
			var sb strings.Builder
			wrapList(&sb, width, pad("  "+truncate(clean(b.ID), idW-2), idW)+"  ", blockedRecord(a, b).Reasons(clean))
			row := strings.Split(strings.TrimSuffix(sb.String(), "\n"), "\n")
			out.rows = append(out.rows, row)
			used += len(row)
		}
	}
	out.unbuilt = len(a.Blocked) - len(out.rows)
	return out
}

func readyHeading(a *Analysis) string   { return fmt.Sprintf("Ready now (%d)", len(a.Ready)) }
func blockedHeading(a *Analysis) string { return fmt.Sprintf("Blocked (%d)", len(a.Blocked)) }

// viewTail is the view's lines after the tables: the critical path, the
// forecast and the problems.
func viewTail(a *Analysis, opts ViewOptions, st styler) []string {
	var b strings.Builder
	if risks := atRiskItems(a); len(risks) > 0 {
		// Laid out plain, so that colour does not count as width.
		var r strings.Builder
		wrapList(&r, opts.width(), "At risk: ", risks)
		b.WriteString(st.heading("At risk:") + strings.TrimPrefix(r.String(), "At risk:"))
	}
	cp := a.Critical
	if len(cp.IDs) == 0 {
		fmt.Fprintf(&b, "%s nothing left to build\n", st.heading("Critical path:"))
	} else {
		steps := criticalSteps(a)
		days := "days"
		if graph.Days(cp.Expected) == "1" {
			days = "day"
		}
		first := fmt.Sprintf("Critical path, %s %s expected", graph.Days(cp.Expected), days)
		if graph.Days(cp.Optimistic) != graph.Days(cp.Pessimistic) {
			first += fmt.Sprintf(" (range %s-%s)", graph.Days(cp.Optimistic), graph.Days(cp.Pessimistic))
		}
		first += ":"
		// Laid out plain, so that colour does not count as width.
		var path []string
		line := first
		for _, s := range steps {
			if textWidth(line)+1+textWidth(s) > opts.width() {
				path = append(path, line)
				line = "  " + s
				continue
			}
			line += " " + s
		}
		path = append(path, line)
		path[0] = st.heading("Critical path") + strings.TrimPrefix(path[0], "Critical path")
		for _, l := range path {
			fmt.Fprintln(&b, l)
		}
		fmt.Fprintln(&b, forecastLine(a, opts, st))
	}
	writeViewProblems(&b, a, opts, st)
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// atRiskItems are the at-risk externals (⚠️, Pending, Partial) of the
// unfinished packets, "ID needs NAME (STATUS)": they block nothing yet, but
// the plan depends on them.
func atRiskItems(a *Analysis) []string {
	var items []string
	for _, p := range a.Graph.Packets() {
		if p.Status == parser.Complete || p.Status == parser.Cancelled {
			continue
		}
		for _, x := range p.Externals {
			if x.Class == parser.AtRisk {
				items = append(items, fmt.Sprintf("%s needs %s (%s)", clean(p.ID), clean(x.Name), clean(x.StatusText)))
			}
		}
	}
	return items
}

// forecastLine is the Monte Carlo forecast in one line: P50 and P80 with
// the team, or with unlimited people said plainly.
func forecastLine(a *Analysis, opts ViewOptions, st styler) string {
	iterations := viewIterations(len(a.Timings))
	est, err := schedule.NetworkFromGraph(a.Graph).Simulate(schedule.SimOptions{
		Iterations: iterations, Seed: opts.Seed, Dist: opts.Dist, Team: opts.Team})
	if err != nil {
		return st.heading("Forecast:") + " none: " + clean(err.Error())
	}
	who := "with unlimited people (or --team N)"
	if est.Team > 0 {
		who = "with " + Plural(est.Team, "person")
		if est.Team > 1 {
			who = fmt.Sprintf("with %d people", est.Team)
		}
	}
	line := fmt.Sprintf("%s P50 %s, P80 %s working days %s", st.heading("Forecast:"),
		graph.Days(est.Percentile(50)), graph.Days(est.Percentile(80)), who)
	if iterations < schedule.DefaultIterations {
		line += fmt.Sprintf("\n  from %d runs; plan estimate runs %d", iterations, schedule.DefaultIterations)
	}
	return line
}

// writeViewProblems writes the problems: every error in full, and the
// warnings one line per code with what fixes or lists them; every problem
// in full with opts.AllProblems.
func writeViewProblems(w io.Writer, a *Analysis, opts ViewOptions, st styler) {
	errs, warns := a.Counts()
	heading := fmt.Sprintf("Problems (%s, %s)", Plural(errs, "error"), Plural(warns, "warning"))
	if len(a.Problems) == 0 {
		fmt.Fprintf(w, "%s\n", st.heading("Problems: none"))
		return
	}
	if !opts.AllProblems && warns > 0 {
		heading += "; plan --problems lists every one"
	}
	fmt.Fprintln(w, st.heading(heading))
	count := map[string]int{}
	var codes []string
	for _, p := range a.Problems {
		if opts.AllProblems || p.Severity == parser.Error {
			fmt.Fprintf(w, "  %s:%d: %s: %s\n", cleanPath(p.File), p.Line, st.severity(p.Severity), p.Code)
			wrapSteps(w, opts.width(), "    ", strings.Fields(clean(p.Message)))
			continue
		}
		if count[p.Code] == 0 {
			codes = append(codes, p.Code)
		}
		count[p.Code]++
	}
	slices.SortStableFunc(codes, func(x, y string) int { return count[y] - count[x] })
	for _, c := range codes {
		fmt.Fprintf(w, "  %s\n", problemLine(c, count[c]))
	}
}

// problemLine is one line for the n warnings of code: what they are and
// the command that fixes or lists them.
func problemLine(code string, n int) string {
	them := "them"
	if n == 1 {
		them = "it"
	}
	lists := fmt.Sprintf("(plan check lists %s)", them)
	switch code {
	case parser.CodeStaleStatus:
		return fmt.Sprintf("%s: run 'plan sync' %s", Plural(n, "stale status cell"), lists)
	case parser.CodeInconsistentStatus:
		if n == 1 {
			return fmt.Sprintf("1 complete packet requires an unfinished one %s", lists)
		}
		return fmt.Sprintf("%d rows: a complete packet requires an unfinished one %s", n, lists)
	case parser.CodeMissingEffort:
		return fmt.Sprintf("%s no Estimated Effort, counted as 0 days %s", packetsWithout(n), lists)
	case parser.CodeMissingPriority:
		return fmt.Sprintf("%s no Priority, planned last %s", packetsWithout(n), lists)
	case parser.CodeMissingStatus:
		return fmt.Sprintf("%s no Status, taken as not started %s", packetsWithout(n), lists)
	case parser.CodeDanglingRef:
		return fmt.Sprintf("%s a packet no file has %s", rowsNaming(n), lists)
	case parser.CodeRequiresCancelled:
		return fmt.Sprintf("%s a cancelled packet %s", rowsNaming(n), lists)
	case parser.CodeIDCase:
		return fmt.Sprintf("%s in another case than its packet's %s", Plural(n, "ID written"), lists)
	case parser.CodeParse:
		return fmt.Sprintf("%s plan could not read %s", Plural(n, "field or file"), lists)
	}
	return fmt.Sprintf("%s %s", Plural(n, code+" warning"), lists)
}

func packetsWithout(n int) string {
	if n == 1 {
		return "1 packet has"
	}
	return fmt.Sprintf("%d packets have", n)
}

func rowsNaming(n int) string {
	if n == 1 {
		return "1 row names"
	}
	return fmt.Sprintf("%d rows name", n)
}
