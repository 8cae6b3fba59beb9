package change

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// shortHash is the first 7 characters of a commit hash.
func shortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}

func (s Side) label() string {
	if s.Commit == "" || s.Rev == s.Commit {
		if s.Commit != "" {
			return shortHash(s.Commit)
		}
		return s.Rev
	}
	return fmt.Sprintf("%s (%s)", s.Rev, shortHash(s.Commit))
}

func rangeText(r Range) string {
	if graph.RoundDays(r.Low) == graph.RoundDays(r.High) {
		return graph.Days(r.Expected) + "d"
	}
	return fmt.Sprintf("%s-%sd (expected %sd)", graph.Days(r.Low), graph.Days(r.High), graph.Days(r.Expected))
}

// section is one titled list of the text and markdown formats.
type section struct {
	title string
	lines []string
}

// sections lays out the changes of d, one line per item, packet text
// cleaned. Titles of packets are shortened to fit width columns.
func (d *Diff) sections(width int) []section {
	var out []section
	add := func(title string, lines []string) {
		if len(lines) > 0 {
			out = append(out, section{fmt.Sprintf("%s (%d)", title, len(lines)), lines})
		}
	}
	ids := func(list []string) []string {
		var l []string
		for _, id := range list {
			l = append(l, clean(id))
		}
		return l
	}
	titled := func(list []string) []string {
		var l []string
		for _, id := range list {
			head := clean(id) + "  "
			l = append(l, head+truncate(clean(d.titles[id]), width-2-textWidth(head)))
		}
		return l
	}
	refs := func(list []PacketRef) []string {
		var l []string
		for _, p := range list {
			head := fmt.Sprintf("%s  %s  ", clean(p.ID), statusText(p.Status))
			l = append(l, head+truncate(clean(p.Title), width-2-textWidth(head)))
		}
		return l
	}
	changes := func(list []FieldChange, skip ...[]string) []string {
		var l []string
	next:
		for _, c := range list {
			for _, s := range skip {
				for _, id := range s {
					if id == c.ID {
						continue next
					}
				}
			}
			l = append(l, fmt.Sprintf("%s  %s → %s", clean(c.ID), clean(c.From), clean(c.To)))
		}
		return l
	}
	deps := func(list []Dependency) []string {
		var l []string
		for _, dep := range list {
			l = append(l, fmt.Sprintf("%s requires %s", clean(dep.Packet), clean(dep.On)))
		}
		return l
	}
	problems := func(list []ProblemRef) []string {
		var l []string
		for _, p := range list {
			l = append(l, truncate(fmt.Sprintf("%s:%d: %s: %s", cleanPath(p.File), p.Line, p.Code, clean(p.Message)), width-2))
		}
		return l
	}
	add("Completed", titled(d.Completed))
	add("Started", titled(d.Started))
	add("Reopened", titled(d.Reopened))
	statuses := make([]FieldChange, len(d.Status))
	for i, c := range d.Status {
		statuses[i] = FieldChange{ID: c.ID, From: statusText(c.From), To: statusText(c.To)}
	}
	add("Other status changes", changes(statuses, d.Completed, d.Started, d.Reopened))
	add("Added", refs(d.Added))
	add("Removed", refs(d.Removed))
	add("Renamed", changes(d.Renamed))
	add("Priority changes", changes(d.Priority))
	add("Effort changes", changes(d.Effort))
	add("Dependencies added", deps(d.DepsAdded))
	add("Dependencies removed", deps(d.DepsRemoved))
	add("Cycles introduced", ids(d.CyclesIntroduced))
	add("Cycles resolved", ids(d.CyclesResolved))
	add("Errors introduced", problems(d.ErrorsIntroduced))
	add("Errors resolved", problems(d.ErrorsResolved))
	add("Newly blocked", titled(d.NewlyBlocked))
	add("Unblocked", titled(d.Unblocked))
	return out
}

// summary are the before/after lines of the critical path, the remaining
// effort and the forecast.
func (d *Diff) summary() []string {
	o, n := d.Old, d.New
	lines := []string{
		fmt.Sprintf("Packets: %d → %d", o.Packets, n.Packets),
		fmt.Sprintf("Critical path: %sd → %sd (%s)", graph.Days(o.Expected), graph.Days(n.Expected), signed(d.CriticalDelta())),
	}
	lines = append(lines, chain(o.Critical, "  before: ")...)
	lines = append(lines, chain(n.Critical, "  after:  ")...)
	lines = append(lines, "Remaining: "+rangeText(o.Remaining)+" →", "           "+rangeText(n.Remaining))
	if o.Forecast || n.Forecast {
		lines = append(lines,
			fmt.Sprintf("Forecast P50: %sd → %sd (%s)", graph.Days(o.P50), graph.Days(n.P50), signed(n.P50-o.P50)),
			fmt.Sprintf("Forecast P80: %sd → %sd (%s)", graph.Days(o.P80), graph.Days(n.P80), signed(d.P80Delta())))
	}
	return lines
}

// WriteText writes the diff for a terminal, within 80 columns.
func WriteText(w io.Writer, d *Diff) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "plan diff %s → %s\n", d.Old.label(), d.New.label())
	secs := d.sections(lineWidth)
	if len(secs) == 0 {
		fmt.Fprintln(bw, "\nNo packet changed.")
	}
	for _, s := range secs {
		fmt.Fprintf(bw, "\n%s\n", s.title)
		for _, l := range s.lines {
			fmt.Fprintf(bw, "  %s\n", l)
		}
	}
	fmt.Fprintln(bw)
	for _, l := range d.summary() {
		fmt.Fprintln(bw, l)
	}
	return bw.Flush()
}

// mdEscape escapes text for a markdown list item or table cell.
func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
		"<", "&lt;", ">", "&gt;", "|", `\|`, "#", `\#`)
	return r.Replace(s)
}

// WriteMarkdown writes the diff as GitHub-flavoured markdown, for a pull
// request comment or $GITHUB_STEP_SUMMARY.
func WriteMarkdown(w io.Writer, d *Diff) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## Plan changes: %s → %s\n\n", mdEscape(d.Old.label()), mdEscape(d.New.label()))
	o, n := d.Old, d.New
	fmt.Fprintln(bw, "| | before | after | change |")
	fmt.Fprintln(bw, "|---|---:|---:|---:|")
	fmt.Fprintf(bw, "| Packets | %d | %d | %+d |\n", o.Packets, n.Packets, n.Packets-o.Packets)
	fmt.Fprintf(bw, "| Critical path | %sd | %sd | %s |\n", graph.Days(o.Expected), graph.Days(n.Expected), signed(d.CriticalDelta()))
	fmt.Fprintf(bw, "| Remaining (expected) | %sd | %sd | %s |\n", graph.Days(o.Remaining.Expected), graph.Days(n.Remaining.Expected), signed(n.Remaining.Expected-o.Remaining.Expected))
	if o.Forecast || n.Forecast {
		fmt.Fprintf(bw, "| Forecast P50 | %sd | %sd | %s |\n", graph.Days(o.P50), graph.Days(n.P50), signed(n.P50-o.P50))
		fmt.Fprintf(bw, "| Forecast P80 | %sd | %sd | %s |\n", graph.Days(o.P80), graph.Days(n.P80), signed(d.P80Delta()))
	}
	secs := d.sections(1 << 20)
	if len(secs) == 0 {
		fmt.Fprintln(bw, "\nNo packet changed.")
	}
	for _, s := range secs {
		fmt.Fprintf(bw, "\n**%s**\n\n", s.title)
		for _, l := range s.lines {
			fmt.Fprintf(bw, "- %s\n", mdEscape(l))
		}
	}
	path := func(ids []string) string {
		if len(ids) == 0 {
			return "(none)"
		}
		return mdEscape(strings.Join(ids, " → "))
	}
	fmt.Fprintf(bw, "\nCritical path before: %s  \nCritical path after: %s\n", path(o.Critical), path(n.Critical))
	return bw.Flush()
}

// statusText is a status as people write it ("not started") for its JSON
// word ("not_started"), which the records keep.
func statusText(word string) string {
	for _, st := range []parser.Status{parser.NotStarted, parser.InProgress, parser.Complete, parser.Cancelled} {
		if st.String() == word {
			return st.Text()
		}
	}
	return word
}
