package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

func newRootCmd(e *env) *cobra.Command {
	var (
		ff   formatFlags
		load loadOptions
	)
	formats := []string{"text", "json", "dot"}
	root := &cobra.Command{
		Use:   "plan [PATH...]",
		Short: "Plan a folder of markdown work packets: order, blockers, critical path",
		Long: `plan reads markdown work packets (files or folders, default ".", "-" for
standard input) and prints the plan: what can start now, what is blocked and
by what, the build order by wave, the critical path with optimistic,
expected and pessimistic days, and the problems found.`,
		Example: `  plan docs/packets
  plan --json docs/packets > plan.json
  plan --dot docs/packets | dot -Tsvg > plan.svg
  plan check docs/packets`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			if err := checkArgs(cmd, args); err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			switch format {
			case "json":
				err = writeJSON(e.stdout, fullReport(a))
			case "dot":
				err = graph.WriteDOT(e.stdout, a.graph, graph.DOTOptions{Critical: a.critical.IDs})
			default:
				err = writeReport(e, a)
			}
			if err != nil {
				return err
			}
			if failed {
				return ioFailure
			}
			return nil
		},
	}
	root.SuggestionsMinimumDistance = 2
	ff.register(root, formats)
	load.register(root)
	root.AddCommand(newCheckCmd(e), newOrderCmd(e), newReadyCmd(e), newBlockedCmd(e), newCriticalCmd(e),
		newEstimateCmd(e), newScheduleCmd(e))
	return root
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

func newCheckCmd(e *env) *cobra.Command {
	var (
		ff     formatFlags
		load   loadOptions
		strict bool
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Report problems as file:line: severity: code: message; exit 1 on errors",
		Long: `check prints every problem, one per line, as
file:line: severity: code: message. It exits 0 when there is no error,
1 when there is one (cycle, duplicate-id; with --strict any warning too),
and 2 on usage errors or when a file cannot be read.`,
		Example: `  plan check docs/packets
  plan check --strict docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			if format == "json" {
				err = writeJSON(e.stdout, checkReport(a))
			} else {
				err = writeProblems(e, a.problems)
			}
			if err != nil {
				return err
			}
			errs, warns := a.counts()
			summary := fmt.Sprintf("%s, %s, %s", plural(len(a.set.Packets), "packet"), plural(errs, "error"), plural(warns, "warning"))
			switch {
			case failed:
				return ioFailure
			case errs > 0 || (strict && warns > 0):
				return &exitError{code: exitProblems, msg: "check failed: " + summary, hint: checkHint(a.problems, strict)}
			}
			fmt.Fprintf(e.stderr, "plan: %s\n", summary)
			return nil
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	return cmd
}

// checkHint says how to fix the first error-severity problem.
func checkHint(problems []parser.Problem, strict bool) string {
	for _, p := range problems {
		if p.Severity != parser.Error {
			continue
		}
		switch p.Code {
		case parser.CodeCycle:
			return "remove or move to the Optional table one of the rows the cycle message lists"
		case parser.CodeDuplicateID:
			return "give each packet its own ID in its '# ID: Title' heading"
		}
	}
	if strict {
		return "fix the warnings above, or drop --strict"
	}
	return ""
}

func newOrderCmd(e *env) *cobra.Command {
	var (
		ff   formatFlags
		load loadOptions
		all  bool
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "order [PATH...]",
		Short: "Print the build order, one packet ID per line",
		Long: `order prints the unfinished packets in dependency order, one ID per line,
like tsort. Among the packets whose prerequisites are already placed, the
one with the smallest (effective priority, latest finish, ID) comes first.
The members of a cycle sit together.`,
		Example: `  plan order docs/packets
  plan order --all docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			ids := a.order(all)
			if format == "json" {
				err = writeJSON(e.stdout, struct {
					SchemaVersion int      `json:"schema_version"`
					Order         []string `json:"order"`
				}{schemaVersion, nonNil(ids)})
			} else {
				err = writeLines(e.stdout, ids)
			}
			if err == nil && failed {
				return ioFailure
			}
			return err
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cmd.Flags().BoolVar(&all, "all", false, "include complete packets")
	return cmd
}

func newReadyCmd(e *env) *cobra.Command {
	var (
		ff   formatFlags
		load loadOptions
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "ready [PATH...]",
		Short: "List the packets that can start now",
		Long: `ready lists the unfinished packets with no unfinished required dependency
and no blocking external, most urgent first. In-progress packets are
included and marked.`,
		Example:       `  plan ready docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			if format == "json" {
				err = writeJSON(e.stdout, struct {
					SchemaVersion int      `json:"schema_version"`
					Ready         []string `json:"ready"`
				}{schemaVersion, nonNil(a.ready)})
			} else {
				err = writeReady(e, a)
			}
			if err == nil && failed {
				return ioFailure
			}
			return err
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	return cmd
}

func newBlockedCmd(e *env) *cobra.Command {
	var (
		ff   formatFlags
		load loadOptions
		by   string
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "blocked [PATH...]",
		Short: "List blocked packets and what blocks them",
		Long: `blocked lists every unfinished packet that waits on an unfinished required
packet or a blocking external, with what it waits on. With --by ID it lists
everything that waits on that packet, directly or not, and the remaining
effort it holds back.`,
		Example: `  plan blocked docs/packets
  plan blocked --by P1-ECOM-001 docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			if by != "" {
				if a.graph.Packet(by) == nil {
					return usageErrorf("run 'plan order --all' to list the packet IDs", "no packet with ID %q", by)
				}
				held := heldBack(a, by)
				if format == "json" {
					err = writeJSON(e.stdout, held)
				} else {
					err = writeHeldBack(e, a, held)
				}
			} else if format == "json" {
				err = writeJSON(e.stdout, struct {
					SchemaVersion int           `json:"schema_version"`
					Blocked       []blockedJSON `json:"blocked"`
				}{schemaVersion, blockedList(a)})
			} else {
				err = writeBlocked(e, a)
			}
			if err == nil && failed {
				return ioFailure
			}
			return err
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	cmd.Flags().StringVar(&by, "by", "", "list what waits on this packet ID")
	return cmd
}

func newCriticalCmd(e *env) *cobra.Command {
	var (
		ff   formatFlags
		load loadOptions
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "critical [PATH...]",
		Short: "Show the critical path and each packet's ES, EF, LS, LF and slack",
		Long: `critical runs the critical path method over the unfinished packets with
their expected remaining durations (working days) and prints, for each,
the earliest and latest start and finish and the slack. Packets with zero
slack on the longest chain form the critical path.`,
		Example:       `  plan critical docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			a, failed, err := e.load(args, load)
			if err != nil {
				return err
			}
			if format == "json" {
				r := fullReport(a)
				err = writeJSON(e.stdout, struct {
					SchemaVersion int          `json:"schema_version"`
					CriticalPath  criticalJSON `json:"critical_path"`
					Schedule      []timingJSON `json:"schedule"`
				}{schemaVersion, r.CriticalPath, r.Schedule})
			} else {
				err = writeCritical(e, a)
			}
			if err == nil && failed {
				return ioFailure
			}
			return err
		},
	}
	ff.register(cmd, formats)
	load.register(cmd)
	return cmd
}
