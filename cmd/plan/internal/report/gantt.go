package report

import (
	"bufio"
	"fmt"
	"io"
	"math"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/schedule"
)

// WriteScheduleMermaid prints s as a Mermaid gantt chart, the packet titles
// taken from a. It is what `plan schedule --format mermaid` prints.
func WriteScheduleMermaid(w io.Writer, a *Analysis, s *schedule.Schedule, cal *Calendar) error {
	return WriteGantt(w, s, a.Title, cal)
}

// WriteGantt prints s as a Mermaid gantt chart with one section per
// person (1..Team, in order) and one task per assignment, in schedule
// order. title returns the packet title for an ID ("" when unknown).
//
// Mermaid draws whole days (a time of day in an end date would make it
// stretch the bar over every excluded day a second time), so each bar
// covers the working days from round(start) to round(finish): one rule
// for both ends, so a person's bars never overlap, as the schedule's
// tasks do not (a hand-over at day 0.8 is drawn at the end of day 0).
// A task that rounds to no whole day is a milestone on its start date.
// The dates come from cal (day 0 is --start, or today); weekends and
// cal's holidays are excluded, so Mermaid shades them. End dates are
// exclusive, as Mermaid reads them.
//
// Task IDs are t1, t2, ... in schedule order, and task names are the
// packet ID and title reduced by [mermaidText] to characters that Mermaid
// reads literally, so packet text cannot break or add statements.
func WriteGantt(w io.Writer, s *schedule.Schedule, title func(string) string, cal *Calendar) error {
	if cal == nil {
		return fmt.Errorf("mermaid: the chart needs a calendar")
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "gantt")
	heading := fmt.Sprintf("Team of %d, makespan %s working days, lower bound %s, day 0 is %s", s.Team, graph.Days(s.Makespan), graph.Days(s.LowerBound), cal.cal.First().Format(schedule.DateLayout))
	if cal.today {
		heading += " (today, no start date given)"
	}
	fmt.Fprintf(bw, "    title %s\n", heading)
	fmt.Fprintln(bw, "    dateFormat YYYY-MM-DD")
	bw.WriteString("    axisFormat %Y-%m-%d\n")
	excludes := "weekends"
	last, err := cal.cal.Day(int(math.Round(s.Makespan)))
	if err != nil {
		return fmt.Errorf("mermaid: %w", err)
	}
	for _, h := range cal.cal.Holidays() {
		if h.After(last) {
			break
		}
		excludes += " " + h.Format(schedule.DateLayout)
	}
	fmt.Fprintf(bw, "    excludes %s\n", excludes)

	for person := 1; person <= s.Team; person++ {
		fmt.Fprintf(bw, "    section Person %d\n", person)
		for i, as := range s.Assignments {
			if as.Person != person {
				continue
			}
			line, err := mermaidTask(as, fmt.Sprintf("t%d", i+1), title(as.ID), cal.cal)
			if err != nil {
				return err
			}
			fmt.Fprintf(bw, "        %s\n", line)
		}
	}
	return bw.Flush()
}

// mermaidTask returns the task statement for one assignment.
func mermaidTask(as schedule.Assignment, id, title string, cal *schedule.Calendar) (string, error) {
	name := mermaidText(as.ID + " " + title)
	if math.IsNaN(as.Start) || math.IsNaN(as.Finish) || as.Start < 0 || as.Finish > schedule.MaxWorkingDays {
		return "", fmt.Errorf("mermaid: %s: times %g to %g are outside 0..%d working days", clean(as.ID), as.Start, as.Finish, schedule.MaxWorkingDays)
	}
	first, last := int(math.Round(as.Start)), int(math.Round(as.Finish))
	start, err := cal.Day(first)
	if err != nil {
		return "", fmt.Errorf("mermaid: %s: %w", clean(as.ID), err)
	}
	if last <= first {
		return fmt.Sprintf("%s :milestone, %s, %s, 0d", name, id, start.Format(schedule.DateLayout)), nil
	}
	finish, err := cal.Day(last - 1)
	if err != nil {
		return "", fmt.Errorf("mermaid: %s: %w", clean(as.ID), err)
	}
	end := finish.AddDate(0, 0, 1) // exclusive end
	return fmt.Sprintf("%s :%s, %s, %s", name, id, start.Format(schedule.DateLayout), end.Format(schedule.DateLayout)), nil
}
