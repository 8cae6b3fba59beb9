package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
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
func (c *calendarFlags) calendar(cfg *parser.Config) (*report.Calendar, error) {
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
	return c.withHolidays(cfg, start, report.NewCalendar)
}

// calendarOrToday is calendar, but without a start date day 0 is today
// (SOURCE_DATE_EPOCH when set): a chart needs dates, and a fixed date in
// the past would draw the plan as history.
func (c *calendarFlags) calendarOrToday(cfg *parser.Config) (*report.Calendar, error) {
	if c.start != "" {
		return c.calendar(cfg)
	}
	return c.withHolidays(cfg, now(), report.NewTodayCalendar)
}

// withHolidays is the calendar from start with --holidays, or else
// plan.yaml's holidays, as days off.
func (c *calendarFlags) withHolidays(cfg *parser.Config, start time.Time, newCal func(*schedule.Calendar) *report.Calendar) (*report.Calendar, error) {
	var holidays []time.Time
	if c.holidays != "" {
		data, err := readSmallFile(c.holidays)
		if err != nil {
			return nil, &exitError{kind: kindInput, msg: termtext.Error(err)} // the name may hold escapes
		}
		if holidays, err = schedule.ParseHolidays(bytes.NewReader(data)); err != nil {
			return nil, &exitError{kind: kindInput, msg: termtext.Path(c.holidays) + ": " + err.Error()}
		}
	} else {
		var err error
		if holidays, err = report.ConfigHolidays(cfg); err != nil {
			return nil, &exitError{kind: kindInput, lines: []string{err.Error()}}
		}
	}
	return newCal(schedule.NewCalendar(start, holidays)), nil
}

func newEstimateCmd(e *streams) *cobra.Command {
	var (
		q           queryOptions
		cal         calendarFlags
		sim         simFlags
		percentiles string
		dist        string
		team        int
		calibrate   string
	)
	cmd := withQueryFlags(&cobra.Command{
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
	}, []string{"text", "json"}, &q, func(cmd *cobra.Command, args []string) error {
		if calibrate != "" && calibrate != "actual" && calibrate != "git" {
			return usageErrorf("", "--calibrate must be actual or git, not %q", calibrate)
		}
		opts, err := sim.options()
		if err != nil {
			return err
		}
		opts.Team, opts.Calibrate = team, calibrate != ""
		if team < 0 {
			return usageErrorf("", "--team must be at least 1")
		}
		if opts.Dist, err = schedule.ParseDistribution(dist); err != nil {
			return usageErrorf("", "--dist must be lognormal, triangular, pert or uniform, not %q", dist)
		}
		if opts.Percentiles, err = report.ParsePercentiles(percentiles); err != nil {
			return hintedError(kindUsage, err)
		}
		calendar, err := cal.calendar(e.cfg.config)
		if err != nil {
			return err
		}
		return runEstimate(e, estimateOptions{queryOptions: q, sim: opts, calibrate: calibrate, calendar: calendar})
	})
	cal.register(cmd)
	sim.register(cmd, "random seed", "number of simulated projects")
	cmd.Flags().StringVar(&percentiles, "percentiles", "50,80,95", "`LIST` of finish percentiles")
	cmd.Flags().StringVar(&dist, "dist", "lognormal", "lognormal (default)|triangular|pert|uniform")
	cmd.Flags().Lookup("dist").DefValue = "" // the usage says the default
	cmd.Flags().IntVar(&team, "team", 0, "schedule each run on `N` people (default unlimited)")
	cmd.Flags().StringVar(&calibrate, "calibrate", "", "scale by actual/estimate of done packets: `actual` effort lines, or git (also elapsed days between status commits)")
	cmd.Flags().Lookup("calibrate").NoOptDefVal = "actual"
	return cmd
}

// estimateOptions are what `plan estimate` was asked for.
type estimateOptions struct {
	queryOptions
	// sim is the simulation; calibrate is --calibrate ("", actual, git).
	sim       schedule.SimOptions
	calibrate string
	// calendar prints dates (nil without --start).
	calendar *report.Calendar
}

// simWarnings prints the simulation's warnings, one line each.
func (e *streams) simWarnings(est *schedule.Estimate) {
	for _, w := range est.Warnings {
		e.warnf("%s", termtext.Clean(w.Message))
	}
}

// runEstimate is `plan estimate` without cobra.
func runEstimate(e *streams, opts estimateOptions) error {
	// The estimate reads the graph alone (and the problems, for the
	// cycles' lines): AnalyzeProblems leaves out the timings and the
	// blocked list, ~25 MB at 100,000 packets, live while the simulation
	// builds its own network.
	return e.withAnalysisBy(opts.paths, opts.load, report.AnalyzeProblems, func(a *report.Analysis) (err error) {
		switch opts.calibrate {
		case "actual":
			opts.sim.Ratios = schedule.CalibrationRatios(a.Graph.Packets())
		case "git":
			// The summary goes where the estimate goes, except
			// that JSON stays one document.
			w := e.stdout
			if opts.format == "json" {
				w = e.stderr
			}
			ratios, ok, err := gitRatios(w, opts.paths, opts.load.parserOptions(), a.Graph.Packets())
			if err != nil {
				return err
			}
			opts.sim.Ratios, opts.sim.Calibrate = ratios, ok
			if opts.format != "json" {
				fmt.Fprintln(e.stdout)
			}
		}
		est, err := schedule.NetworkFromGraph(a.Graph).Simulate(opts.sim)
		if err != nil {
			return inputError(err)
		}
		if opts.calendar != nil {
			if err := opts.calendar.CoversEstimate(est); err != nil {
				return hintedError(kindUsage, err)
			}
		}
		e.simWarnings(est)
		return writers{
			"json": func() error { return report.WriteEstimateJSON(e.stdout, est, opts.calendar) },
			"text": func() error { return report.WriteEstimate(e.stdout, est, opts.calendar) },
		}.write(opts.format)
	})
}

func newScheduleCmd(e *streams) *cobra.Command {
	var (
		q      queryOptions
		cal    calendarFlags
		team   int
		sprint float64
	)
	cmd := withQueryFlags(&cobra.Command{
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
	}, []string{"text", "json", "csv", "mermaid"}, &q, func(cmd *cobra.Command, args []string) error {
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
		if q.format == "mermaid" {
			calendar, err = cal.calendarOrToday(e.cfg.config)
		}
		if err != nil {
			return err
		}
		return runSchedule(e, scheduleOptions{queryOptions: q, team: team, sprint: sprint, calendar: calendar})
	})
	cal.register(cmd)
	cmd.Flags().IntVar(&team, "team", 0, "number of people (required)")
	cmd.Flags().Float64Var(&sprint, "sprint", 0, "group packets by sprint of this many working `DAYS`")
	return cmd
}

// scheduleOptions are what `plan schedule` was asked for.
type scheduleOptions struct {
	queryOptions
	// team is --team; sprint, --sprint (0 for none).
	team   int
	sprint float64
	// calendar prints dates (nil without --start, except for mermaid).
	calendar *report.Calendar
}

// runSchedule is `plan schedule` without cobra.
func runSchedule(e *streams, opts scheduleOptions) error {
	return e.withAnalysis(opts.paths, opts.load, func(a *report.Analysis) (err error) {
		s, err := schedule.NetworkFromGraph(a.Graph).ListSchedule(opts.team)
		if err != nil {
			return inputError(err)
		}
		if opts.calendar != nil {
			if err := opts.calendar.Covers(s.Makespan); err != nil {
				return hintedError(kindUsage, err)
			}
		}
		if opts.sprint > 0 {
			if err := s.AssignSprints(opts.sprint); err != nil {
				return usageErrorf("", "%v", err)
			}
		}
		switch opts.format {
		case "json":
			err = report.WriteScheduleJSON(e.stdout, s, opts.calendar)
		case "csv":
			err = report.WriteScheduleCSV(e.stdout, a, s, opts.calendar)
		case "mermaid":
			err = report.WriteScheduleMermaid(e.stdout, a, s, opts.calendar)
		default:
			err = report.WriteSchedule(e.stdout, a, s, opts.calendar, opts.sprint)
		}
		return err
	})
}
