package main

import (
	"errors"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/change"
	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// gitError turns an error from reading git into an exit-2 error with its
// hint; other errors pass through.
func gitError(err error) error {
	var ge *gitrev.Error
	if errors.As(err, &ge) {
		return &exitError{kind: kindInput, msg: ge.Msg, hint: ge.Hint}
	}
	return inputError(err)
}

// simFlags are the --seed and --iterations of the commands that run the
// simulation.
type simFlags struct {
	seed       uint64
	iterations int
}

// register adds the two flags with the usage lines the command gives
// them (each says what it simulates).
func (f *simFlags) register(cmd *cobra.Command, seedUsage, iterationsUsage string) {
	cmd.Flags().IntVar(&f.iterations, "iterations", schedule.DefaultIterations, iterationsUsage)
	cmd.Flags().Uint64Var(&f.seed, "seed", schedule.DefaultSeed, seedUsage)
}

// options are the simulation the flags ask for, or a usage error.
func (f *simFlags) options() (schedule.SimOptions, error) {
	if f.iterations < 1 || f.iterations > schedule.MaxIterations {
		return schedule.SimOptions{}, usageErrorf("", "--iterations must be between 1 and %d", schedule.MaxIterations)
	}
	return schedule.SimOptions{Seed: f.seed, Iterations: f.iterations}, nil
}

// diffOptions are plan diff's flags and arguments.
type diffOptions struct {
	rev    string
	paths  []string
	format string
	failOn change.FailOn
	load   parser.Options
	sim    schedule.SimOptions
}

func newDiffCmd(e *streams) *cobra.Command {
	var (
		q      queryOptions
		sim    simFlags
		failOn string
	)
	cmd := withQueryFlags(&cobra.Command{
		Use:   "diff [REV] [PATH...]",
		Short: "What changed in the plan since a git revision",
		Long: `diff compares the plan at a git revision with the working tree: packets
added, removed, renamed (followed by ID), completed, started and reopened;
status, priority and effort changes; dependencies added and removed; cycles
and errors introduced and resolved; packets newly blocked and unblocked; the
critical path and the remaining effort before and after; and the P50/P80
forecast before and after, simulated with the same seed and settings so the
difference is the work, not the dice.

REV defaults to the merge base with the default branch (origin/HEAD, main or
master), else HEAD. The first argument is taken as REV when it names a commit
and is not a folder or file; PATH means the same folder at both revisions.
The old version is read from git; the working tree and the index are never
touched. --fail-on cycle,error,forecast:+5d exits 1 when the change brings
what the team forbids.`,
		Example: `  plan diff main docs/packets
  plan diff --format markdown >> "$GITHUB_STEP_SUMMARY"
  plan diff main docs/packets --fail-on cycle,error,forecast:+5d`,
	}, []string{"text", "json", "markdown"}, &q, func(cmd *cobra.Command, args []string) error {
		opts := diffOptions{format: q.format, load: q.load.parserOptions()}
		var err error
		if opts.sim, err = sim.options(); err != nil {
			return err
		}
		if opts.failOn, err = change.ParseFailOn(failOn); err != nil {
			return usageErrorf("", "%s", err)
		}
		opts.rev, opts.paths = change.SplitRev(args)
		return runDiff(e, opts)
	})
	sim.register(cmd, "random seed of both forecasts", "simulated projects per forecast")
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 on `LIST` of cycle, error, forecast:+Nd")
	return cmd
}

// runDiff is `plan diff` without cobra.
func runDiff(e *streams, opts diffOptions) error {
	d, ioErrs, err := change.DiffWorkingTree(change.DiffOptions{Rev: opts.rev, Paths: opts.paths, Load: opts.load,
		Forecast: true, Sim: opts.sim})
	if err != nil {
		return gitError(err)
	}
	for _, err := range ioErrs {
		e.errorf("%s", termtext.Error(err)) // a file name may hold escape sequences or newlines
	}
	if err := change.WriteDiff(e.stdout, d, opts.format); err != nil {
		return err
	}
	if len(ioErrs) > 0 {
		return ioFailure
	}
	if v := d.Violations(opts.failOn); len(v) > 0 {
		return &exitError{kind: kindProblems, msg: "--fail-on: " + strings.Join(v, "; ")}
	}
	return nil
}

// historyOptions are plan history's flags and arguments.
type historyOptions struct {
	paths  []string
	format string
	hist   change.HistoryOptions
	load   parser.Options
}

func newHistoryCmd(e *streams) *cobra.Command {
	var (
		q     queryOptions
		sim   simFlags
		since string
		every string
	)
	cmd := withQueryFlags(&cobra.Command{
		Use:   "history [PATH...]",
		Short: "The plan at each commit that touched the folder: a burn-down",
		Long: `history reads the folder at every commit (first parent) that touched it and
prints, per commit, the packets by status, the remaining effort range, the
expected critical path and the P50/P80 forecast (same seed at every commit),
as a table (text, csv, json) or as an SVG burn-down/burn-up chart. Each file
version is read from git once; the working tree is not read.`,
		Example: `  plan history docs/packets
  plan history --since 2026-09-01 --every week docs/packets
  plan history --format svg docs/packets > burndown.svg`,
	}, []string{"text", "csv", "json", "svg"}, &q, func(cmd *cobra.Command, args []string) error {
		opts := historyOptions{paths: args, format: q.format, load: q.load.parserOptions()}
		var err error
		if opts.hist.Sim, err = sim.options(); err != nil {
			return err
		}
		opts.hist.Forecast = true
		if since != "" {
			if opts.hist.Since, err = schedule.ParseDate(since); err != nil {
				return usageErrorf("", "--since %s is not a date (want YYYY-MM-DD)", since)
			}
		}
		switch every {
		case "", "commit":
		case "week":
			opts.hist.Weekly = true
		default:
			return usageErrorf("", "--every must be commit or week, not %q", every)
		}
		return runHistory(e, opts)
	})
	sim.register(cmd, "random seed of the forecasts", "simulated projects per forecast")
	cmd.Flags().StringVar(&since, "since", "", "leave out commits before `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&every, "every", "commit", "commit or week (the last commit of each ISO week)")
	return cmd
}

// runHistory is `plan history` without cobra.
func runHistory(e *streams, opts historyOptions) error {
	points, err := change.HistoryOf(opts.paths, opts.load, opts.hist)
	if err != nil {
		return gitError(err)
	}
	return change.WriteHistory(e.stdout, points, opts.format, opts.hist.Forecast)
}

// gitRatios gathers the calibration evidence of the folder's git history
// for plan estimate --calibrate=git and says what it rests on (on w).
// With fewer than schedule.MinCalibrationRatios packets it says so and
// returns ok false: the forecast is not scaled.
func gitRatios(w io.Writer, paths []string, load parser.Options, packets []*parser.Packet) (ratios []float64, ok bool, err error) {
	c, err := change.GitCalibration(paths, load, packets)
	if err != nil {
		return nil, false, gitError(err)
	}
	if err := change.WriteCalibrationText(w, c); err != nil {
		return nil, false, err
	}
	return c.Ratios(), c.Enough(), nil
}

// parserOptions are what the flags ask of the reader, for the commands
// that read packets from git as well (no plan.yaml, no standard input).
func (o loadOptions) parserOptions() parser.Options {
	return parser.Options{MaxFileSize: int64(o.maxFileSize)}
}
