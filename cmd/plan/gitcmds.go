package main

import (
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/change"
	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/cmd/plan/internal/report"
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
		ff     formatFlags
		load   loadOptions
		failOn string
		seed   uint64
		iter   int
	)
	formats := []string{"text", "json", "markdown"}
	cmd := &cobra.Command{
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
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			opts := diffOptions{format: format, load: parser.Options{MaxFileSize: int64(load.maxFileSize)},
				sim: schedule.SimOptions{Seed: seed, Iterations: iter}}
			if iter < 1 || iter > schedule.MaxIterations {
				return usageErrorf("", "--iterations must be between 1 and %d", schedule.MaxIterations)
			}
			if opts.failOn, err = change.ParseFailOn(failOn); err != nil {
				return usageErrorf("", "%s", err)
			}
			opts.rev, opts.paths = splitRev(args)
			return runDiff(e, opts)
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cmd.Flags().StringVar(&failOn, "fail-on", "", "exit 1 on `LIST` of cycle, error, forecast:+Nd")
	cmd.Flags().Uint64Var(&seed, "seed", schedule.DefaultSeed, "random seed of both forecasts")
	cmd.Flags().IntVar(&iter, "iterations", schedule.DefaultIterations, "simulated projects per forecast")
	return cmd
}

// splitRev takes the first argument as the revision unless it is a path
// that exists (a folder named like a branch is read as the folder).
func splitRev(args []string) (rev string, paths []string) {
	if len(args) == 0 {
		return "", nil
	}
	if pathExists(args[0]) {
		return "", args
	}
	return args[0], args[1:]
}

func runDiff(e *streams, opts diffOptions) error {
	d, ioErrs, err := change.DiffWorkingTree(change.DiffOptions{Rev: opts.rev, Paths: opts.paths, Load: opts.load,
		Forecast: true, Sim: opts.sim})
	if err != nil {
		return gitError(err)
	}
	for _, err := range ioErrs {
		e.errorf("%s", cleanErr(err)) // a file name may hold escape sequences or newlines
	}
	switch opts.format {
	case "json":
		err = report.WriteJSON(e.stdout, d)
	case "markdown":
		err = change.WriteMarkdown(e.stdout, d)
	default:
		err = change.WriteText(e.stdout, d)
	}
	if err != nil {
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
		ff    formatFlags
		load  loadOptions
		since string
		every string
		seed  uint64
		iter  int
	)
	formats := []string{"text", "csv", "json", "svg"}
	cmd := &cobra.Command{
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
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			opts := historyOptions{paths: args, format: format, load: parser.Options{MaxFileSize: int64(load.maxFileSize)}}
			opts.hist.Forecast = true
			opts.hist.Sim = schedule.SimOptions{Seed: seed, Iterations: iter}
			if iter < 1 || iter > schedule.MaxIterations {
				return usageErrorf("", "--iterations must be between 1 and %d", schedule.MaxIterations)
			}
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
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cmd.Flags().StringVar(&since, "since", "", "leave out commits before `DATE` (YYYY-MM-DD)")
	cmd.Flags().StringVar(&every, "every", "commit", "commit or week (the last commit of each ISO week)")
	cmd.Flags().Uint64Var(&seed, "seed", schedule.DefaultSeed, "random seed of the forecasts")
	cmd.Flags().IntVar(&iter, "iterations", schedule.DefaultIterations, "simulated projects per forecast")
	return cmd
}

func runHistory(e *streams, opts historyOptions) error {
	points, err := change.HistoryOf(opts.paths, opts.load, opts.hist)
	if err != nil {
		return gitError(err)
	}
	var w io.Writer = e.stdout
	switch opts.format {
	case "csv":
		return change.WriteHistoryCSV(w, points)
	case "json":
		if points == nil {
			points = []change.Point{}
		}
		return report.WriteJSON(w, points)
	case "svg":
		return change.WriteHistorySVG(w, points)
	}
	return change.WriteHistoryText(w, points, opts.hist.Forecast)
}

func pathExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
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
