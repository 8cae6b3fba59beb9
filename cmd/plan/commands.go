package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/suggest"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/graph"
)

func newRootCmd(e *streams) *cobra.Command {
	var (
		ff   formatFlags
		opts rootOptions
	)
	formats := []string{"text", "json", "dot", "mermaid", "markdown"}
	root := &cobra.Command{
		Use:   "plan [PATH...]",
		Short: "Plan a folder of markdown work packets: order, blockers, critical path",
		Long: `plan reads markdown work packets (files or folders, default ".", "-" for
standard input) and prints the plan on one screen: the counts, what can
start now, what is blocked and by what, the critical path with its expected
days and range, the forecast (P50 and P80 with --team N or plan.yaml's
team, else with unlimited people), and the problems, one line per kind with
the command that fixes or lists them. Errors are always shown in full;
--problems (or -v) lists every problem. Long lists are cut with a line
naming the command that lists them all (plan ready, plan blocked).

--format mermaid prints a Mermaid flowchart that GitHub renders in markdown;
--format markdown prints tables to paste into a sprint document.

Reference: plan help format (the packet format), json, exit-codes, config.`,
		Example: `  plan docs/packets
  plan --json docs/packets > plan.json
  plan --dot docs/packets | dot -Tsvg > plan.svg
  plan --format mermaid docs/packets > plan.mmd
  plan --format markdown docs/packets > sprint.md
  plan check docs/packets
  plan completion bash > /etc/bash_completion.d/plan`,
		Version:       version(),
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if e.quiet && e.verbose {
				return usageErrorf("", "-q (--quiet) and -v (--verbose) cannot be used together")
			}
			if needsConfig(cmd) {
				return e.loadConfig(cmd, args)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			if err := checkArgs(cmd, args); err != nil {
				return err
			}
			if opts.team < 0 {
				return usageErrorf("", "--team must be at least 1, not %d", opts.team)
			}
			opts.paths, opts.format = args, format
			return runRoot(e, opts)
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("plan {{.Version}}\n")
	ff.register(root, formats)
	opts.load.register(root)
	root.Flags().BoolVar(&opts.allEdges, "all-edges", false, "pictures: also draw rows a longer chain implies")
	root.Flags().IntVar(&opts.team, "team", 0, "forecast with `N` people (default unlimited)")
	root.Flags().BoolVar(&opts.problems, "problems", false, "list every problem in full (so does -v)")
	root.PersistentFlags().BoolVarP(&e.quiet, "quiet", "q", false, "print only errors on standard error")
	root.PersistentFlags().StringVar(&e.cfg.file, "config", "", "read settings from `FILE`, not the plan.yaml found")
	root.PersistentFlags().BoolVarP(&e.verbose, "verbose", "v", false, "also say which files were read and skipped, and why")
	root.AddCommand(newCheckCmd(e), newOrderCmd(e), newReadyCmd(e), newBlockedCmd(e), newCriticalCmd(e),
		newEstimateCmd(e), newScheduleCmd(e), newSyncCmd(e), newNewCmd(e), newConfigCmd(e), newExplainCmd(e),
		newDiffCmd(e), newHistoryCmd(e), newVersionCmd(e), newReportCmd(e))
	root.SetHelpCommand(newHelpCmd(root))
	// The completion commands capture the output stream when created.
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.InitDefaultCompletionCmd()
	completionExamples := map[string]string{
		"bash":       `  source <(plan completion bash)`,
		"zsh":        `  plan completion zsh > "${fpath[1]}/_plan"`,
		"fish":       `  plan completion fish > ~/.config/fish/completions/plan.fish`,
		"powershell": `  plan completion powershell | Out-String | Invoke-Expression`,
	}
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Example = strings.Join([]string{completionExamples["bash"], completionExamples["zsh"], completionExamples["fish"], completionExamples["powershell"]}, "\n")
		for _, shell := range c.Commands() {
			shell.Example = completionExamples[shell.Name()]
		}
	}
	addCompletions(root)
	root.SetFlagErrorFunc(flagError)
	return root
}

// rootOptions are what `plan [PATH...]` was asked for.
type rootOptions struct {
	paths  []string
	load   loadOptions
	format string
	// allEdges (--all-edges) draws the rows a longer chain implies too.
	allEdges bool
	// team (--team, or plan.yaml's team) is the number of people the
	// forecast plans with, 0 for unlimited.
	team int
	// problems (--problems) lists every problem in full, not one line per
	// code.
	problems bool
}

// runRoot is `plan [PATH...]` without cobra: the whole plan in the chosen
// format on e.stdout.
func runRoot(e *streams, opts rootOptions) error {
	analyze := report.Analyze
	if opts.format == "json" {
		analyze = report.AnalyzeStreaming // WriteReportJSON computes each blocked record as it writes it
	}
	return e.withAnalysisBy(opts.paths, opts.load, analyze, func(a *report.Analysis) (err error) {
		switch opts.format {
		case "json":
			err = report.WriteReportJSON(e.stdout, a)
		case "dot":
			err = graph.WriteDOT(e.stdout, a.Graph, a.PictureOptions(opts.allEdges))
		case "mermaid":
			var warnings []string
			warnings, err = report.WriteFlowchart(e.stdout, a, opts.allEdges)
			for _, w := range warnings {
				e.warnf("%s", w)
			}
			if len(warnings) > 0 && !e.quiet {
				e.hintf("%s", report.FlowchartLimitHint)
			}
		case "markdown":
			err = report.WriteReportMarkdown(e.stdout, a)
		default:
			view := report.ViewOptions{Style: report.Style{Color: e.color, Width: e.width}, Team: opts.team, AllProblems: opts.problems || e.verbose, Files: e.verbose}
			view.ForecastSettings(e.cfg.config)
			err = report.WriteReport(e.stdout, a, view)
		}
		return err
	})
}

// newVersionCmd is plan version: what --version prints, for those who
// type the word as with go version.
func newVersionCmd(e *streams) *cobra.Command {
	return &cobra.Command{
		Use:           "version",
		Short:         "Print plan's version (as --version does)",
		Example:       "  plan version",
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintf(e.stdout, "plan %s\n", version())
			return err
		},
	}
}

// version is the module version from the build information: a tag such
// as v1.2.0 for `go install ...@v1.2.0`, a pseudo-version for a build from
// a checkout with version control information, "(devel)" otherwise.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// flagError turns a bad flag into a usage error that suggests the closest
// flag the command has ("--fromat": did you mean --format?).
func flagError(cmd *cobra.Command, err error) error {
	hint := fmt.Sprintf("run '%s --help' for usage", cmd.CommandPath())
	msg := err.Error()
	var name string
	if rest, ok := strings.CutPrefix(msg, "unknown flag: --"); ok {
		name = rest
	} else if rest, ok := strings.CutPrefix(msg, "unknown shorthand flag: '"); ok && len(rest) > 0 {
		name = rest[:1]
	}
	if name != "" {
		if s := closestFlag(cmd, name); s != "" {
			hint = fmt.Sprintf("did you mean %s?", s)
		}
	}
	return usageErrorf(hint, "%s", termtext.Clean(msg)) // the flag as typed
}

// closestFlag returns the flag of cmd (its own or inherited) whose name is
// nearest to name, spelled as typed ("--format"), or "" when none is near
// (suggest.Flag).
func closestFlag(cmd *cobra.Command, name string) string {
	var names []string
	visit := func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	if best := suggest.Flag(name, names); best != "" {
		return "--" + best
	}
	return ""
}

// checkArgs turns a mistyped subcommand ("plan chek") into a usage error
// with a suggestion, instead of an attempt to read a file of that name.
func checkArgs(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	if args[0] == "-" {
		return nil
	}
	if _, err := os.Lstat(args[0]); err == nil {
		return nil
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		return usageErrorf(fmt.Sprintf("did you mean 'plan %s'?", s[0]), "no file, folder or command named %q", args[0])
	}
	return nil
}

func newCheckCmd(e *streams) *cobra.Command {
	var opts checkOptions
	cmd := withQueryFlags(&cobra.Command{
		Use:   "check [PATH...]",
		Short: "Print problems, one per line; exit 1 on errors (for CI)",
		Long: `check prints every problem, one per line, as
file:line: severity: code: message. It exits 0 when there is no error,
1 when there is one (cycle, duplicate-id; with --strict any warning too),
and 2 on usage errors or when a file cannot be read.

--format github prints GitHub Actions annotations
(::error file=...,line=...::...) that show up on the lines of a pull request.

--write-baseline FILE records today's problems in FILE and exits 0.
--baseline FILE then reports and fails only on problems not in FILE, and warns
about entries of FILE that no longer occur, so it can be pruned. Entries
match on code, packet and referenced packet, never on line numbers.`,
		Example: `  plan check docs/packets
  plan check --strict docs/packets
  plan check --format github docs/packets
  plan check --write-baseline .plan-baseline.json docs/packets
  plan check --baseline .plan-baseline.json docs/packets`,
	}, []string{"text", "json", "github"}, &opts.queryOptions, func(*cobra.Command, []string) error {
		if opts.baselinePath != "" && opts.writeBaseline != "" {
			return usageErrorf("write the baseline once, then check against it", "--baseline and --write-baseline cannot be used together")
		}
		return runCheck(e, opts)
	})
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "treat warnings as errors")
	cmd.Flags().StringVar(&opts.baselinePath, "baseline", "", "report and fail only on problems not in this `FILE`")
	cmd.Flags().StringVar(&opts.writeBaseline, "write-baseline", "", "record today's problems in this `FILE` and exit 0")
	return cmd
}

// checkOptions are what `plan check` was asked for.
type checkOptions struct {
	queryOptions
	strict bool
	// baselinePath is --baseline; writeBaseline, --write-baseline.
	baselinePath, writeBaseline string
}

// runCheck is `plan check` without cobra: it reads the baseline and the
// packets, then writes the baseline or prints the problems.
func runCheck(e *streams, opts checkOptions) error {
	var base *report.BaselineFile
	if opts.baselinePath != "" {
		b, err := readBaseline(opts.baselinePath)
		if err != nil {
			return err
		}
		base = &b
	}
	a, failed, err := e.loadWith(opts.paths, opts.load, report.AnalyzeProblems)
	if err != nil {
		return err
	}
	if opts.writeBaseline != "" {
		return runWriteBaseline(e, a, failed, opts.writeBaseline)
	}
	return printCheck(e, a, opts, failed, base)
}

// printCheck prints the problems (those not in the baseline, when there
// is one) and returns the exit status; failed says some input could not
// be read.
func printCheck(e *streams, a *report.Analysis, opts checkOptions, failed bool, baseline *report.BaselineFile) error {
	r := report.Check(a, baseline, opts.baselinePath)
	shown, stale := r.Problems, r.Stale()
	if e.quiet {
		shown = r.Errs()
	}
	err := writers{
		"json": func() error { return report.WriteCheckJSON(e.stdout, r.Packets, r.Problems, r.Baseline) },
		"github": func() error {
			if e.quiet {
				return report.WriteAnnotations(e.stdout, shown, nil, opts.baselinePath)
			}
			return report.WriteAnnotations(e.stdout, shown, stale, opts.baselinePath)
		},
		"text": func() error { return report.WriteProblems(e.stdout, shown, report.Style{Color: e.color}) },
	}.write(opts.format)
	if err != nil {
		return err
	}
	if opts.format != "github" {
		for _, s := range stale {
			e.warnf("%s", report.StaleWarning(opts.baselinePath, s))
		}
	}
	if len(stale) > 0 && !e.quiet {
		e.hintf("%s", report.StaleHint(opts.baselinePath))
	}
	switch {
	case failed:
		return ioFailure
	case r.Failed(opts.strict):
		return &exitError{kind: kindProblems, msg: "check failed: " + r.Summary(), hint: r.Hint(opts.strict)}
	}
	e.infof("%s", r.Summary())
	return nil
}

// runWriteBaseline records the problems of a in the file name. It refuses
// when some input could not be read, as the baseline would miss its
// problems.
func runWriteBaseline(e *streams, a *report.Analysis, failed bool, name string) error {
	if failed {
		return &exitError{kind: kindInput, msg: "not writing " + termtext.Path(name) + ": some input could not be read", hint: "fix the errors above and run again"}
	}
	b := report.NewBaseline(a.Problems)
	if err := writeBaseline(name, b); err != nil {
		return &exitError{kind: kindInput, msg: "--write-baseline: " + termtext.Error(err)}
	}
	e.infof("%s", report.WroteBaseline(len(a.Problems), name))
	return nil
}

// queryOptions are what every command that reads packets is asked for:
// the paths, how to read them, and the output format.
type queryOptions struct {
	paths  []string
	load   loadOptions
	format string
}

// withQueryFlags completes cmd, which holds only its texts, as a command
// over [PATH...]: --format among formats (and its shortcuts), the input
// flags, and a RunE that fills q and calls run. What the commands differ
// in (texts, formats, their own flags and checks, run) is all they state.
func withQueryFlags(cmd *cobra.Command, formats []string, q *queryOptions, run func(cmd *cobra.Command, args []string) error) *cobra.Command {
	var ff formatFlags
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		format, err := ff.resolve(cmd, formats)
		if err != nil {
			return err
		}
		q.paths, q.format = args, format
		return run(cmd, args)
	}
	ff.register(cmd, formats)
	q.load.register(cmd)
	return cmd
}

func newOrderCmd(e *streams) *cobra.Command {
	var opts orderOptions
	cmd := withQueryFlags(&cobra.Command{
		Use:   "order [PATH...]",
		Short: "Print the build order, one packet ID per line",
		Long: `order prints the unfinished packets in dependency order, one ID per line,
like tsort. Among the packets whose prerequisites are already placed, the
one with the smallest (effective priority, latest finish, ID) comes first.
The members of a cycle sit together.`,
		Example: `  plan order docs/packets
  plan order --all docs/packets
  plan order --format csv docs/packets > order.csv`,
	}, []string{"text", "json", "csv"}, &opts.queryOptions, func(*cobra.Command, []string) error { return runOrder(e, opts) })
	cmd.Flags().BoolVar(&opts.all, "all", false, "include complete packets")
	return cmd
}

// orderOptions are what `plan order` was asked for.
type orderOptions struct {
	queryOptions
	all bool
}

// writers are the writers of one answer, by format name; "text" is the
// default.
type writers map[string]func() error

// write runs the writer of format, or text's.
func (ws writers) write(format string) error {
	if w, ok := ws[format]; ok {
		return w()
	}
	return ws["text"]()
}

// runOrder is `plan order` without cobra: it reads opts.paths and writes
// the chosen format to e.stdout.
func runOrder(e *streams, opts orderOptions) error {
	// The order reads no blocked list.
	return e.withAnalysisBy(opts.paths, opts.load, report.AnalyzeStreaming, func(a *report.Analysis) error {
		ids := a.Order(opts.all)
		return writers{
			"json": func() error { return report.WriteOrderJSON(e.stdout, ids) },
			"csv":  func() error { return report.WriteOrderCSV(e.stdout, a, ids) },
			"text": func() error { return report.WriteLines(e.stdout, ids) },
		}.write(opts.format)
	})
}

func newReadyCmd(e *streams) *cobra.Command {
	var opts readyOptions
	return withQueryFlags(&cobra.Command{
		Use:   "ready [PATH...]",
		Short: "List the packets that can start now",
		Long: `ready lists the unfinished packets with no unfinished required dependency
and no blocking external, most urgent first: sorted as order sorts, by
(effective priority, latest finish, ID), so a packet on the critical path
comes before one of the same priority with slack. In-progress packets are
included and marked.`,
		Example: `  plan ready docs/packets
  plan ready --json docs/packets`,
	}, []string{"text", "json"}, &opts.queryOptions, func(*cobra.Command, []string) error { return runReady(e, opts) })
}

// readyOptions are what `plan ready` was asked for.
type readyOptions struct{ queryOptions }

// runReady is `plan ready` without cobra: it reads opts.paths and writes
// the chosen format to e.stdout.
func runReady(e *streams, opts readyOptions) error {
	return e.withAnalysis(opts.paths, opts.load, func(a *report.Analysis) error {
		return writers{
			"json": func() error { return report.WriteReadyJSON(e.stdout, a) },
			"text": func() error { return report.WriteReady(e.stdout, a) },
		}.write(opts.format)
	})
}

func newBlockedCmd(e *streams) *cobra.Command {
	var opts blockedOptions
	cmd := withQueryFlags(&cobra.Command{
		Use:   "blocked [PATH...]",
		Short: "List blocked packets and what blocks them",
		Long: `blocked lists every unfinished packet that waits on an unfinished required
packet or a blocking external, with what it waits on. With --by ID it lists
everything that waits on that packet, directly or not, and the remaining
effort it holds back.`,
		Example: `  plan blocked docs/packets
  plan blocked --by P1-ECOM-001 docs/packets
  plan blocked --format markdown docs/packets
  plan blocked --format csv docs/packets > blocked.csv`,
	}, []string{"text", "json", "markdown", "csv"}, &opts.queryOptions, func(*cobra.Command, []string) error { return runBlocked(e, opts) })
	cmd.Flags().StringVar(&opts.by, "by", "", "list what waits on this packet ID")
	return cmd
}

// blockedOptions are what `plan blocked` was asked for.
type blockedOptions struct {
	queryOptions
	// by is --by: list what waits on this packet instead.
	by string
}

// runBlocked is `plan blocked` without cobra: it reads opts.paths and writes
// the chosen format to e.stdout.
func runBlocked(e *streams, opts blockedOptions) error {
	return e.withAnalysis(opts.paths, opts.load, func(a *report.Analysis) error {
		if opts.by == "" {
			return writers{
				"json":     func() error { return report.WriteBlockedJSON(e.stdout, a) },
				"markdown": func() error { return report.WriteBlockedMarkdown(e.stdout, a) },
				"csv":      func() error { return report.WriteBlockedCSV(e.stdout, a) },
				"text":     func() error { return report.WriteBlocked(e.stdout, a) },
			}.write(opts.format)
		}
		id, err := a.PacketID(opts.by)
		if err != nil {
			return hintedError(kindUsage, err)
		}
		held := report.HeldBackOf(a, id)
		return writers{
			"json":     func() error { return report.WriteJSON(e.stdout, held) },
			"markdown": func() error { return report.WriteHeldBackMarkdown(e.stdout, a, held) },
			"csv":      func() error { return report.WriteHeldBackCSV(e.stdout, a, held) },
			"text":     func() error { return report.WriteHeldBack(e.stdout, a, held) },
		}.write(opts.format)
	})
}

func newCriticalCmd(e *streams) *cobra.Command {
	var opts criticalOptions
	return withQueryFlags(&cobra.Command{
		Use:   "critical [PATH...]",
		Short: "Show the critical path and each packet's ES, EF, LS, LF and slack",
		Long: `critical runs the critical path method over the unfinished packets with
their expected remaining durations (working days) and prints, for each,
the earliest and latest start and finish and the slack. Packets with zero
slack on the longest chain form the critical path.`,
		Example: `  plan critical docs/packets
  plan critical --format markdown docs/packets
  plan critical --format csv docs/packets > critical.csv`,
	}, []string{"text", "json", "markdown", "csv"}, &opts.queryOptions, func(*cobra.Command, []string) error { return runCritical(e, opts) })
}

// criticalOptions are what `plan critical` was asked for.
type criticalOptions struct{ queryOptions }

// runCritical is `plan critical` without cobra: it reads opts.paths and writes
// the chosen format to e.stdout.
func runCritical(e *streams, opts criticalOptions) error {
	return e.withAnalysis(opts.paths, opts.load, func(a *report.Analysis) error {
		return writers{
			"json":     func() error { return report.WriteCriticalJSON(e.stdout, a) },
			"markdown": func() error { return report.WriteCriticalMarkdown(e.stdout, a) },
			"csv":      func() error { return report.WriteCriticalCSV(e.stdout, a) },
			"text":     func() error { return report.WriteCritical(e.stdout, a) },
		}.write(opts.format)
	})
}
