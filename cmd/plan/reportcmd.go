package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/schedule"
)

func newReportCmd(e *streams) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report [PATH...] -o FILE.html",
		Short: "Write one HTML page for the planning meeting",
		Long: `report writes one self-contained HTML page for the planning meeting: the
summary, what is ready and what is blocked (and by what), the critical path,
the forecast with its histogram and S-curve, the team schedule as a Gantt
chart and the dependency graph. Charts are inline SVG: the page needs no
network and no script, and prints on A4.

The forecast and the schedule use the team of --team (or plan.yaml's team:);
without one the forecast assumes unlimited people and the page says so, and
the Gantt chart is left out. Dates count from --start, or else today.

The dependency graph is laid out by Graphviz: 'dot' must be on PATH. Without
it the page says so, a warning says so on standard error, and the graph is
left out; everything else is drawn by plan itself.

The same packets, flags and day give the same bytes: the forecast is seeded
(--seed), and today is SOURCE_DATE_EPOCH when set.`,
		Example: `  plan report docs/packets -o plan.html
  plan report --team 3 --start 2026-12-01 docs/packets -o plan.html
  plan report docs/packets > plan.html`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.team < 0 {
				return usageErrorf("", "--team must be at least 1")
			}
			if opts.iterations < 1 || opts.iterations > schedule.MaxIterations {
				return usageErrorf("", "--iterations must be between 1 and %d", schedule.MaxIterations)
			}
			var err error
			if opts.sim.Dist, err = schedule.ParseDistribution(opts.dist); err != nil {
				return usageErrorf("", "--dist must be lognormal, triangular, pert or uniform, not %q", opts.dist)
			}
			opts.paths = args
			return runReport(e, opts)
		},
	}
	opts.load.register(cmd)
	opts.cal.register(cmd)
	cmd.Flags().StringVarP(&opts.output, "output", "o", "", "write the page to `FILE` (default standard output)")
	cmd.Flags().IntVar(&opts.team, "team", 0, "forecast and schedule on `N` people (default: plan.yaml's team, else unlimited)")
	cmd.Flags().IntVar(&opts.iterations, "iterations", schedule.DefaultIterations, "number of simulated projects")
	cmd.Flags().Uint64Var(&opts.sim.Seed, "seed", schedule.DefaultSeed, "random seed")
	cmd.Flags().StringVar(&opts.dist, "dist", "lognormal", "lognormal (default)|triangular|pert|uniform")
	cmd.Flags().Lookup("dist").DefValue = ""
	cmd.Flags().BoolVar(&opts.allEdges, "all-edges", false, "graph: also draw rows a longer chain implies")
	return cmd
}

// reportOptions are what `plan report` was asked for.
type reportOptions struct {
	paths []string
	load  loadOptions
	cal   calendarFlags
	// output is -o; "" or "-" is standard output.
	output     string
	team       int
	iterations int
	dist       string
	sim        schedule.SimOptions
	allEdges   bool
}

// dotTimeout bounds Graphviz: a layout that takes longer is not worth
// waiting for in a report.
const dotTimeout = 60 * time.Second

// runReport is `plan report` without cobra: it analyzes opts.paths,
// forecasts and schedules them, has Graphviz lay out the graph, and
// writes the page to opts.output or e.stdout.
func runReport(e *streams, opts reportOptions) error {
	calendar, err := opts.cal.calendarOrToday(e.cfg.config)
	if err != nil {
		return err
	}
	return e.withAnalysis(opts.paths, opts.load, func(a *report.Analysis) error {
		cwd, _ := os.Getwd() // "" when unknown: the title then says "."
		in := report.HTMLInput{Title: report.PageTitle(opts.paths, cwd), Today: now().Format(schedule.DateLayout), Calendar: calendar}
		net := schedule.NetworkFromGraph(a.Graph)
		sim := opts.sim
		sim.Iterations, sim.Team = opts.iterations, opts.team
		est, err := net.Simulate(sim)
		if err != nil {
			return inputError(err)
		}
		e.simWarnings(est)
		in.Estimate = est
		if opts.team > 0 {
			if in.Schedule, err = net.ListSchedule(opts.team); err != nil {
				return inputError(err)
			}
		} else {
			in.ScheduleNote = report.NoTeamNote
		}
		if err := calendar.CoversReport(a, est, in.Schedule); err != nil {
			return hintedError(kindUsage, err)
		}
		in.GraphSVG, in.GraphNote = drawGraph(e, a, opts.allEdges)
		var page bytes.Buffer
		if err := report.WriteHTML(&page, a, in); err != nil {
			return err
		}
		if opts.output == "" || opts.output == "-" {
			_, err := e.stdout.Write(page.Bytes())
			return err
		}
		if err := writeReportFile(opts.output, page.Bytes()); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err // the temporary file's name would only confuse
			}
			return &exitError{kind: kindInput, msg: "-o " + termtext.Path(opts.output) + ": " + termtext.Error(err)}
		}
		e.infof("wrote %s", termtext.Path(opts.output))
		return nil
	})
}

// drawGraph lays the plan's DOT picture out with Graphviz's dot. When dot
// is not on PATH, or fails, it says so on standard error and returns the
// note the page shows instead of the graph.
func drawGraph(e *streams, a *report.Analysis, allEdges bool) ([]byte, string) {
	path, err := exec.LookPath("dot")
	if err != nil {
		e.warnf("%s", report.NoDotWarning)
		e.hintf("%s", report.NoDotHint)
		return nil, report.NoDotNote
	}
	var src bytes.Buffer
	if err := graph.WriteDOT(&src, a.Graph, a.PictureOptions(allEdges)); err != nil {
		e.warnf("report: %s", termtext.Clean(err.Error()))
		return nil, report.NotDrawnNote(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), dotTimeout)
	defer cancel()
	var out, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, path, "-Tsvg")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = &src, &out, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		warning, note := report.DotFailed(msg)
		e.warnf("%s", warning)
		return nil, note
	}
	return out.Bytes(), ""
}

// writeReportFile writes the page to name: a new file is created, an
// existing one replaced through a temporary file, so that a crash never
// leaves half a page.
func writeReportFile(name string, data []byte) error {
	return fileio.Write(name, data)
}
