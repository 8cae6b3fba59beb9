package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// calendarFlags turn working days into dates.
type calendarFlags struct {
	start    string
	holidays string
}

func (c *calendarFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.start, "start", "", "first working `DATE` (YYYY-MM-DD): print dates too")
	cmd.Flags().StringVar(&c.holidays, "holidays", "", "`FILE` of dates that are not working days")
}

// calendar returns nil when no --start was given (nor plan.yaml's start:).
// Without --holidays, plan.yaml's holidays (cfg, nil for none) are the days
// off.
func (c *calendarFlags) calendar(cfg *parser.Config) (*calendar, error) {
	if c.start == "" {
		if c.holidays != "" {
			return nil, usageErrorf("", "--holidays needs --start")
		}
		return nil, nil
	}
	start, err := schedule.ParseDate(c.start)
	if err != nil {
		// The library's message carries its package name; say it plainly.
		return nil, usageErrorf("for example: --start 2026-12-01", "--start %q is not a date (want YYYY-MM-DD)", c.start)
	}
	var holidays []time.Time
	if c.holidays != "" {
		data, err := readSmallFile(c.holidays)
		if err != nil {
			return nil, &exitError{code: exitUsage, msg: err.Error()}
		}
		if holidays, err = schedule.ParseHolidays(bytes.NewReader(data)); err != nil {
			return nil, &exitError{code: exitUsage, msg: c.holidays + ": " + err.Error()}
		}
	} else if cfg != nil {
		for _, d := range cfg.Holidays {
			day, err := schedule.ParseDate(d)
			if err != nil {
				return nil, &exitError{code: exitUsage, lines: []string{(&parser.ConfigError{File: cfg.File, Line: cfg.Lines["holidays"], Msg: fmt.Sprintf("holidays: %q is not a date (YYYY-MM-DD)", d)}).Error()}}
			}
			holidays = append(holidays, day)
		}
	}
	return &calendar{schedule.NewCalendar(start, holidays)}, nil
}

// calendar prints working-day times as dates.
type calendar struct{ cal *schedule.Calendar }

// StartDate is the date on which work starting at day x begins.
func (c *calendar) StartDate(x float64) string { return dateText(c.cal.StartDate(x)) }

// FinishDate is the date by whose end work finishing at day x is done.
func (c *calendar) FinishDate(x float64) string { return dateText(c.cal.FinishDate(x)) }

func dateText(t time.Time, err error) string {
	if err != nil {
		return "beyond the calendar"
	}
	return t.Format(schedule.DateLayout)
}

func parsePercentiles(s string) ([]float64, error) {
	var ps []float64
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		p, err := strconv.ParseFloat(f, 64)
		if err != nil || p < 0 || p > 100 {
			return nil, usageErrorf("", "--percentiles takes numbers from 0 to 100 separated by commas, not %q", f)
		}
		ps = append(ps, p)
	}
	return ps, nil
}

func percentileKey(p float64) string { return "p" + strconv.FormatFloat(p, 'f', -1, 64) }

func newEstimateCmd(e *env) *cobra.Command {
	var (
		ff          formatFlags
		load        loadOptions
		cal         calendarFlags
		iterations  int
		seed        uint64
		percentiles string
		dist        string
		team        int
		calibrate   string
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "estimate [PATH...]",
		Short: "Forecast the finish by Monte Carlo: percentiles, criticality",
		Long: `estimate simulates the remaining work many times, drawing each packet's
duration from its effort range, and prints the finish-time percentiles and
mean beside the deterministic critical-path lengths, the merge bias (how
much later parallel paths make the finish than the expected critical path),
each packet's criticality (share of runs in which it is on the critical
path), a sensitivity ranking and a histogram. The same seed prints the same
numbers on any machine.`,
		Example: `  plan estimate docs/packets
  plan estimate --team 3 --start 2026-12-01 docs/packets
  plan estimate --dist pert --iterations 50000 --json docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			opts := schedule.SimOptions{Iterations: iterations, Seed: seed, Team: team, Calibrate: calibrate != ""}
			if calibrate != "" && calibrate != "actual" && calibrate != "git" {
				return usageErrorf("", "--calibrate must be actual or git, not %q", calibrate)
			}
			if iterations < 1 || iterations > schedule.MaxIterations {
				return usageErrorf("", "--iterations must be between 1 and %d", schedule.MaxIterations)
			}
			if team < 0 {
				return usageErrorf("", "--team must be at least 1")
			}
			if opts.Dist, err = schedule.ParseDistribution(dist); err != nil {
				return usageErrorf("", "--dist must be lognormal, triangular, pert or uniform, not %q", dist)
			}
			if opts.Percentiles, err = parsePercentiles(percentiles); err != nil {
				return err
			}
			calendar, err := cal.calendar(e.cfg.config)
			if err != nil {
				return err
			}
			return e.withAnalysis(args, load, func(a *analysis) (err error) {
				switch calibrate {
				case "actual":
					opts.Ratios = schedule.CalibrationRatios(a.graph.Packets())
				case "git":
					// The summary goes where the estimate goes, except
					// that JSON stays one document.
					w := e.stdout
					if format == "json" {
						w = e.stderr
					}
					ratios, ok, err := gitRatios(w, args, parser.Options{MaxFileSize: int64(load.maxFileSize)}, a.graph.Packets())
					if err != nil {
						return err
					}
					opts.Ratios, opts.Calibrate = ratios, ok
					if format != "json" {
						fmt.Fprintln(e.stdout)
					}
				}
				est, err := schedule.NetworkFromGraph(a.graph).Simulate(opts)
				if err != nil {
					return &exitError{code: exitUsage, msg: err.Error()}
				}
				for _, w := range est.Warnings {
					e.warnf("%s", clean(w.Message))
				}
				if format == "json" {
					err = writeJSON(e.stdout, estimateReport(est, calendar))
				} else {
					err = writeEstimate(e.stdout, est, calendar)
				}
				return err
			})
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cal.register(cmd)
	cmd.Flags().IntVar(&iterations, "iterations", schedule.DefaultIterations, "number of simulated projects")
	cmd.Flags().Uint64Var(&seed, "seed", schedule.DefaultSeed, "random seed")
	cmd.Flags().StringVar(&percentiles, "percentiles", "50,80,95", "`LIST` of finish percentiles")
	cmd.Flags().StringVar(&dist, "dist", "lognormal", "lognormal (default)|triangular|pert|uniform")
	cmd.Flags().Lookup("dist").DefValue = "" // the usage says the default
	cmd.Flags().IntVar(&team, "team", 0, "schedule each run on `N` people (default unlimited)")
	cmd.Flags().StringVar(&calibrate, "calibrate", "", "scale by actual/estimate of done packets: `actual` effort lines, or git (also elapsed days between status commits)")
	cmd.Flags().Lookup("calibrate").NoOptDefVal = "actual"
	return cmd
}

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

func estimateReport(est *schedule.Estimate, cal *calendar) estimateJSON {
	r := estimateJSON{
		SchemaVersion: schemaVersion,
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
	for _, p := range est.Percentiles {
		r.Percentiles[percentileKey(p.P)] = round(p.Days)
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
	if cal != nil {
		r.Dates = map[string]string{}
		for _, p := range est.Percentiles {
			r.Dates[percentileKey(p.P)] = cal.FinishDate(p.Days)
		}
	}
	return r
}

// topScores is how many criticality and sensitivity rows the text shows.
const topScores = 10

func writeEstimate(w io.Writer, est *schedule.Estimate, cal *calendar) error {
	bw := bufio.NewWriter(w)
	team := "unlimited parallelism"
	if est.Team > 0 {
		team = "a team of " + strconv.Itoa(est.Team)
	}
	fmt.Fprintf(bw, "%s, %s durations, seed %d, %s\n\n", plural(est.Iterations, "iteration"), est.Dist, est.Seed, team)
	fmt.Fprintln(bw, "Finish (working days from now)")
	for _, p := range est.Percentiles {
		line := fmt.Sprintf("  %-5s %7s", strings.ToUpper(percentileKey(p.P)), days(p.Days))
		if cal != nil {
			line += "  " + cal.FinishDate(p.Days)
		}
		fmt.Fprintln(bw, line)
	}
	fmt.Fprintf(bw, "  %-5s %7s\n", "mean", days(est.Mean))
	d := est.Deterministic
	fmt.Fprintf(bw, "\nCritical path alone: optimistic %s, expected %s, pessimistic %s\n", days(d.Optimistic), days(d.Expected), days(d.Pessimistic))
	fmt.Fprintf(bw, "Merge bias: %+.1f days (simulated mean minus the expected critical path)\n", est.MergeBias)

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

func newScheduleCmd(e *env) *cobra.Command {
	var (
		ff     formatFlags
		load   loadOptions
		cal    calendarFlags
		team   int
		sprint float64
	)
	formats := []string{"text", "json", "csv", "mermaid"}
	cmd := &cobra.Command{
		Use:   "schedule [PATH...] --team N",
		Short: "Schedule the remaining work on a team of N, by sprint and date",
		Long: `schedule assigns the unfinished packets to N people with expected
durations: in-progress packets start first, at day 0; then whenever someone
is free, the ready packet with the smallest (effective priority, latest
finish, ID) starts. It prints who does what when, the makespan and a lower
bound (the larger of the critical path and the total work / N). Blocking
externals are listed as risks; they do not delay the schedule.`,
		Example: `  plan schedule --team 3 docs/packets
  plan schedule --team 3 --sprint 10 --start 2026-12-01 docs/packets
  plan schedule --team 2 --format csv docs/packets > schedule.csv`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			switch {
			case !cmd.Flags().Changed("team"):
				return usageErrorf("for example: plan schedule --team 3 docs/packets", "--team N is required")
			case team < 1:
				return usageErrorf("", "--team must be at least 1, not %d", team)
			}
			if cmd.Flags().Changed("sprint") && !(sprint > 0) {
				return usageErrorf("", "--sprint must be a positive number of working days")
			}
			calendar, err := cal.calendar(e.cfg.config)
			if err != nil {
				return err
			}
			return e.withAnalysis(args, load, func(a *analysis) (err error) {
				s, err := schedule.NetworkFromGraph(a.graph).ListSchedule(team)
				if err != nil {
					return &exitError{code: exitUsage, msg: err.Error()}
				}
				if sprint > 0 {
					if err := s.AssignSprints(sprint); err != nil {
						return usageErrorf("", "%v", err)
					}
				}
				switch format {
				case "json":
					err = writeJSON(e.stdout, scheduleReport(s, calendar))
				case "csv":
					err = writeScheduleCSV(e.stdout, a, s, calendar)
				case "mermaid":
					err = writeScheduleMermaid(e.stdout, a, s, calendar)
				default:
					err = writeSchedule(e.stdout, a, s, calendar, sprint)
				}
				return err
			})
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cal.register(cmd)
	cmd.Flags().IntVar(&team, "team", 0, "number of people (required)")
	cmd.Flags().Float64Var(&sprint, "sprint", 0, "group packets by sprint of this many working `DAYS`")
	return cmd
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

func scheduleReport(s *schedule.Schedule, cal *calendar) scheduleDocJSON {
	r := scheduleDocJSON{SchemaVersion: schemaVersion, Team: s.Team, Makespan: round(s.Makespan), LowerBound: round(s.LowerBound),
		Assignments: []assignmentJSON{}, Sprints: []sprintJSON{}}
	for _, as := range s.Assignments {
		aj := assignmentJSON{ID: as.ID, Person: as.Person, Start: round(as.Start), Finish: round(as.Finish)}
		if as.Sprint > 0 {
			n := as.Sprint
			aj.Sprint = &n
		}
		if cal != nil {
			aj.StartDate, aj.FinishDate = cal.StartDate(as.Start), cal.FinishDate(as.Finish)
		}
		r.Assignments = append(r.Assignments, aj)
	}
	for _, sp := range s.Sprints {
		r.Sprints = append(r.Sprints, sprintJSON{Number: sp.Number, IDs: nonNil(sp.IDs), Effort: round(sp.Effort), Capacity: round(sp.Capacity)})
	}
	return r
}

func writeSchedule(w io.Writer, a *analysis, s *schedule.Schedule, cal *calendar, sprint float64) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Team of %d: makespan %s days (lower bound %s)\n", s.Team, days(s.Makespan), days(s.LowerBound))
	if cal != nil && len(s.Assignments) > 0 {
		fmt.Fprintf(bw, "Finishes %s\n", cal.FinishDate(s.Makespan))
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
	if cal != nil {
		header += "  start date  finish date"
	}
	fmt.Fprintln(bw, header)
	for _, as := range s.Assignments {
		line := fmt.Sprintf("  %-*s  %6d  %6s  %6s", width, clean(as.ID), as.Person, days(as.Start), days(as.Finish))
		if sprint > 0 {
			line += fmt.Sprintf("  %6d", as.Sprint)
		}
		if cal != nil {
			line += fmt.Sprintf("  %-10s  %s", cal.StartDate(as.Start), cal.FinishDate(as.Finish))
		}
		fmt.Fprintln(bw, line)
	}
	if sprint > 0 {
		fmt.Fprintf(bw, "\nSprints of %s working days, by the sprint each packet starts in\n", days(sprint))
		for _, sp := range s.Sprints {
			fmt.Fprintf(bw, "  sprint %d: %s start, %s person-days of work (capacity %s)\n",
				sp.Number, plural(len(sp.IDs), "packet"), days(sp.Effort), days(sp.Capacity))
			if len(sp.IDs) == 0 {
				fmt.Fprintln(bw, "    nothing starts")
				continue
			}
			wrapList(bw, "    ", cleanAll(sp.IDs))
		}
	}
	var risks []string
	for _, b := range a.blocked {
		for _, x := range b.External {
			risks = append(risks, fmt.Sprintf("%s waits on %s", clean(b.ID), clean(x)))
		}
	}
	if len(risks) > 0 {
		fmt.Fprintln(bw, "\nRisks (blocking externals, not in the schedule)")
		for _, r := range risks {
			fmt.Fprintln(bw, "  "+r)
		}
	}
	return bw.Flush()
}

func cleanAll(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = clean(id)
	}
	return out
}
