package report

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/workpackets/plan/schedule"
)

// mermaidAnchor is day 0 of the chart when no --start is given: Monday
// 2000-01-03. Without --start the chart still needs dates, so working days
// are laid on the ordinary Monday-to-Friday calendar from this fixed date;
// the output is then the same bytes on every run, and the title says so.
const mermaidAnchor = "2000-01-03"

// WriteScheduleMermaid prints s as a Mermaid gantt chart, the packet titles
// taken from a. It is what `plan schedule --format mermaid` prints.
func WriteScheduleMermaid(w io.Writer, a *Analysis, s *schedule.Schedule, cal *Calendar) error {
	return WriteGantt(w, s, a.Title, cal)
}

// WriteGantt prints s as a Mermaid gantt chart with one section per
// person (1..Team, in order) and one task per assignment, in schedule
// order. title returns the packet title for an ID ("" when unknown).
//
// Every task has explicit dates: it starts on the date of the working day
// it starts on and ends (exclusively, as Mermaid end dates are) the day
// after the date of its last working day. The dates come from cal, or,
// when cal is nil, from the Monday-to-Friday calendar starting at
// [mermaidAnchor]. A task of zero length is a milestone on its start date.
//
// Task IDs are t1, t2, ... in schedule order, and task names are the
// packet ID and title reduced by [mermaidText] to characters that Mermaid
// reads literally, so packet text cannot break or add statements.
func WriteGantt(w io.Writer, s *schedule.Schedule, title func(string) string, cal *Calendar) error {
	anchored := cal == nil
	if anchored {
		start, err := schedule.ParseDate(mermaidAnchor)
		if err != nil {
			return err
		}
		cal = NewCalendar(schedule.NewCalendar(start, nil))
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "gantt")
	heading := fmt.Sprintf("Team of %d, makespan %s working days, lower bound %s", s.Team, Days(s.Makespan), Days(s.LowerBound))
	if anchored {
		heading += fmt.Sprintf(", no start date given so day 0 is Monday %s", mermaidAnchor)
	} else {
		heading += fmt.Sprintf(", day 0 is %s", cal.cal.First().Format(schedule.DateLayout))
	}
	fmt.Fprintf(bw, "    title %s\n", heading)
	fmt.Fprintln(bw, "    dateFormat YYYY-MM-DD")
	bw.WriteString("    axisFormat %Y-%m-%d\n")

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
	start, err := cal.StartDate(as.Start)
	if err != nil {
		return "", fmt.Errorf("mermaid: %s: %w", clean(as.ID), err)
	}
	first := start.Format(schedule.DateLayout)
	if !(as.Finish > as.Start) {
		return fmt.Sprintf("%s :milestone, %s, %s, 0d", name, id, first), nil
	}
	finish, err := cal.FinishDate(as.Finish)
	if err != nil {
		return "", fmt.Errorf("mermaid: %s: %w", clean(as.ID), err)
	}
	if finish.Before(start) { // cannot happen for Finish > Start; keep bars non-negative anyway
		finish = start
	}
	end := finish.Add(24 * time.Hour).Format(schedule.DateLayout) // exclusive end
	return fmt.Sprintf("%s :%s, %s, %s", name, id, first, end), nil
}
