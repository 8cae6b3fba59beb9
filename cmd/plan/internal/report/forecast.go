package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/schedule"
)

func percentileKey(p float64) string { return "p" + strconv.FormatFloat(p, 'f', -1, 64) }

// estimateJSON is what `plan estimate --json` prints.
type estimateJSON struct {
	SchemaVersion int                `json:"schema_version"`
	Iterations    int                `json:"iterations"`
	Seed          uint64             `json:"seed"`
	Distribution  string             `json:"distribution"`
	Team          *int               `json:"team"`
	Percentiles   map[string]float64 `json:"percentiles"`
	Mean          float64            `json:"mean"`
	Deterministic daysJSON           `json:"deterministic"`
	MergeBias     float64            `json:"merge_bias"`
	Criticality   map[string]float64 `json:"criticality"`
	Sensitivity   []scoreJSON        `json:"sensitivity"`
	Histogram     []binJSON          `json:"histogram"`
	Dates         map[string]string  `json:"dates,omitempty"`
}

type scoreJSON struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

type binJSON struct {
	From  float64 `json:"from"`
	To    float64 `json:"to"`
	Count int     `json:"count"`
}

func estimateReport(est *schedule.Estimate, cal *Calendar) estimateJSON {
	r := estimateJSON{
		SchemaVersion: SchemaVersion,
		Iterations:    est.Iterations,
		Seed:          est.Seed,
		Distribution:  est.Dist.String(),
		Percentiles:   map[string]float64{},
		Mean:          round(est.Mean),
		Deterministic: daysJSON{round(est.Deterministic.Optimistic), round(est.Deterministic.Expected), round(est.Deterministic.Pessimistic)},
		MergeBias:     round(est.MergeBias),
		Criticality:   map[string]float64{},
		Sensitivity:   []scoreJSON{},
		Histogram:     []binJSON{},
	}
	if est.Team > 0 {
		team := est.Team
		r.Team = &team
	}
	rec := EstimateRecord(est, cal)
	for _, p := range rec.Percentiles {
		r.Percentiles[p.Key] = round(p.Days)
	}
	for _, c := range est.Criticality {
		r.Criticality[c.ID] = round(c.Score)
	}
	for _, s := range est.Sensitivity {
		r.Sensitivity = append(r.Sensitivity, scoreJSON{s.ID, round(s.Score)})
	}
	for _, b := range est.Histogram {
		r.Histogram = append(r.Histogram, binJSON{round(b.From), round(b.To), b.Count})
	}
	if rec.Dated {
		r.Dates = map[string]string{}
		for _, p := range rec.Percentiles {
			r.Dates[p.Key] = p.Date
		}
	}
	return r
}

// topScores is how many criticality and sensitivity rows the text shows.
const topScores = 10

// WriteEstimate is `plan estimate`: the finish percentiles, the
// critical-path lengths, the merge bias, criticality, sensitivity and a
// histogram.
func WriteEstimate(w io.Writer, est *schedule.Estimate, cal *Calendar) error {
	bw := bufio.NewWriter(w)
	team := "unlimited parallelism"
	if est.Team > 0 {
		team = "a team of " + strconv.Itoa(est.Team)
	}
	fmt.Fprintf(bw, "%s, %s durations, seed %d, %s\n\n", Plural(est.Iterations, "iteration"), est.Dist, est.Seed, team)
	fmt.Fprintln(bw, "Finish (working days from now)")
	for _, p := range EstimateRecord(est, cal).Percentiles {
		line := fmt.Sprintf("  %-5s %7s", p.Label, graph.Days(p.Days))
		if p.Date != "" {
			line += "  " + p.Date
		}
		fmt.Fprintln(bw, line)
	}
	fmt.Fprintf(bw, "  %-5s %7s\n", "mean", graph.Days(est.Mean))
	d := est.Deterministic
	fmt.Fprintf(bw, "\nCritical path alone: optimistic %s, expected %s, pessimistic %s\n", graph.Days(d.Optimistic), graph.Days(d.Expected), graph.Days(d.Pessimistic))
	if est.Team > 0 {
		// With a team the gap is mostly people: packets wait for someone
		// free, which is not the merge bias of unlimited parallelism.
		fmt.Fprintf(bw, "Team capacity: %+.1f days (simulated mean minus the expected critical path)\n", est.MergeBias)
	} else {
		fmt.Fprintf(bw, "Merge bias: %+.1f days (simulated mean minus the expected critical path)\n", est.MergeBias)
	}

	writeScores(bw, "Criticality (share of runs on the critical path)", est.Criticality, false)
	writeScores(bw, "Sensitivity (correlation of duration with finish)", est.Sensitivity, true)

	fmt.Fprintln(bw, "\nFinish-time histogram (days)")
	maxCount := 0
	for _, b := range est.Histogram {
		maxCount = max(maxCount, b.Count)
	}
	for _, b := range est.Histogram {
		bar := 0
		if maxCount > 0 {
			bar = b.Count * 40 / maxCount
		}
		fmt.Fprintf(bw, "  %6.1f-%-6.1f %-40s %d\n", b.From, b.To, strings.Repeat("#", bar), b.Count)
	}
	return bw.Flush()
}

func writeScores(w io.Writer, title string, scores []schedule.Score, signed bool) {
	fmt.Fprintf(w, "\n%s\n", title)
	if len(scores) == 0 {
		fmt.Fprintln(w, "  no remaining work")
		return
	}
	ids := make([]string, len(scores))
	for i, s := range scores {
		ids[i] = s.ID
	}
	width := idWidth(ids)
	for i, s := range scores {
		if i == topScores && len(scores) > topScores+1 { // never "and 1 more"
			fmt.Fprintf(w, "  (and %d more; --json lists all)\n", len(scores)-topScores)
			break
		}
		score := s.Score
		if math.Abs(score) < 0.005 {
			score = 0 // no "-0.00"
		}
		v := strconv.FormatFloat(score, 'f', 2, 64)
		if signed && score >= 0 {
			v = " " + v
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, clean(s.ID), v)
	}
}

// scheduleJSON is what `plan schedule --json` prints.
type scheduleDocJSON struct {
	SchemaVersion int              `json:"schema_version"`
	Team          int              `json:"team"`
	Makespan      float64          `json:"makespan"`
	LowerBound    float64          `json:"lower_bound"`
	Assignments   []assignmentJSON `json:"assignments"`
	Sprints       []sprintJSON     `json:"sprints"`
}

type assignmentJSON struct {
	ID         string  `json:"id"`
	Person     int     `json:"person"`
	Start      float64 `json:"start"`
	Finish     float64 `json:"finish"`
	Sprint     *int    `json:"sprint"`
	StartDate  string  `json:"start_date,omitempty"`
	FinishDate string  `json:"finish_date,omitempty"`
}

type sprintJSON struct {
	Number   int      `json:"number"`
	IDs      []string `json:"ids"`
	Effort   float64  `json:"effort"`
	Capacity float64  `json:"capacity"`
}

func scheduleReport(s *schedule.Schedule, cal *Calendar) scheduleDocJSON {
	r := scheduleDocJSON{SchemaVersion: SchemaVersion, Team: s.Team, Makespan: round(s.Makespan), LowerBound: round(s.LowerBound),
		Assignments: []assignmentJSON{}, Sprints: []sprintJSON{}}
	for _, as := range ScheduleRecord(nil, s, cal).Assignments {
		aj := assignmentJSON{ID: as.ID, Person: as.Person, Start: round(as.Start), Finish: round(as.Finish), StartDate: as.StartDate, FinishDate: as.FinishDate}
		if as.Sprint > 0 {
			n := as.Sprint
			aj.Sprint = &n
		}
		r.Assignments = append(r.Assignments, aj)
	}
	for _, sp := range s.Sprints {
		r.Sprints = append(r.Sprints, sprintJSON{Number: sp.Number, IDs: nonNil(sp.IDs), Effort: round(sp.Effort), Capacity: round(sp.Capacity)})
	}
	return r
}

// WriteSchedule is `plan schedule`: who does what when, the sprints
// when sprint is above 0, and the blocking externals as risks.
func WriteSchedule(w io.Writer, a *Analysis, s *schedule.Schedule, cal *Calendar, sprint float64) error {
	bw := bufio.NewWriter(w)
	rec := ScheduleRecord(a, s, cal)
	fmt.Fprintf(bw, "Team of %d: makespan %s days (lower bound %s)\n", s.Team, graph.Days(s.Makespan), graph.Days(s.LowerBound))
	if rec.Finish != "" {
		fmt.Fprintf(bw, "Finishes %s\n", rec.Finish)
	}
	if len(s.Assignments) == 0 {
		fmt.Fprintln(bw, "  nothing left to schedule")
		return bw.Flush()
	}
	ids := make([]string, len(s.Assignments))
	for i, as := range s.Assignments {
		ids[i] = as.ID
	}
	width := max(idWidth(ids), 2)
	header := fmt.Sprintf("\n  %-*s  %6s  %6s  %6s", width, "ID", "person", "start", "finish")
	if sprint > 0 {
		header += "  sprint"
	}
	if rec.Dated {
		header += "  start date  finish date"
	}
	fmt.Fprintln(bw, header)
	for _, as := range rec.Assignments {
		line := fmt.Sprintf("  %-*s  %6d  %6s  %6s", width, clean(as.ID), as.Person, graph.Days(as.Start), graph.Days(as.Finish))
		if sprint > 0 {
			line += fmt.Sprintf("  %6d", as.Sprint)
		}
		if rec.Dated {
			line += fmt.Sprintf("  %-10s  %s", as.StartDate, as.FinishDate)
		}
		fmt.Fprintln(bw, line)
	}
	if sprint > 0 {
		fmt.Fprintf(bw, "\nSprints of %s working days, by the sprint each packet starts in\n", graph.Days(sprint))
		for _, sp := range s.Sprints {
			fmt.Fprintf(bw, "  sprint %d: %s start, %s person-days of work (capacity %s)\n",
				sp.Number, Plural(len(sp.IDs), "packet"), graph.Days(sp.Effort), graph.Days(sp.Capacity))
			if len(sp.IDs) == 0 {
				fmt.Fprintln(bw, "    nothing starts")
				continue
			}
			wrapList(bw, lineWidth, "    ", CleanAll(sp.IDs))
		}
	}
	var risks []string
	for _, b := range a.Blocked {
		for _, x := range b.External {
			risks = append(risks, fmt.Sprintf("%s waits on %s", clean(b.ID), clean(x)))
		}
	}
	if len(risks) > 0 {
		fmt.Fprintln(bw, "\nBlocked by externals (not in the schedule, which assumes they arrive in time)")
		for _, r := range risks {
			fmt.Fprintln(bw, "  "+r)
		}
	}
	return bw.Flush()
}

// CleanAll is clean for each of ids.
func CleanAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = clean(id)
	}
	return out
}

// WriteEstimateJSON is `plan estimate --json`.
func WriteEstimateJSON(w io.Writer, est *schedule.Estimate, cal *Calendar) error {
	return WriteJSON(w, estimateReport(est, cal))
}

// WriteScheduleJSON is `plan schedule --json`.
func WriteScheduleJSON(w io.Writer, s *schedule.Schedule, cal *Calendar) error {
	return WriteJSON(w, scheduleReport(s, cal))
}
