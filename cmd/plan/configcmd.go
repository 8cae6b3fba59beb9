package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// configState is the plan.yaml of a run: the file named by --config, or
// the one found from the folder read, and how it was chosen.
type configState struct {
	// file is --config's value.
	file string
	// config is what was read; nil when there is no plan.yaml.
	config *parser.Config
	// found is "--config" or "found"; "" when there is no plan.yaml.
	found string
	// flags are the flag defaults given on the command line, by name,
	// as they were before plan.yaml's were applied.
	flags map[string]string
}

// configArgsFrom returns the argument a command's plan.yaml is looked up
// from: its first path. `plan new ID TITLE [PATH...]` has its paths after
// two words; `plan explain FILE|ID [PATH...]` looks from its folder when
// it names one, else from the file (an ID looks from ".").
func configArgsFrom(cmd *cobra.Command, args []string) string {
	skip := 0
	switch cmd.Name() {
	case "new":
		skip = 2
	case "explain":
		if len(args) > 1 {
			skip = 1 // the folder, not the packet ID or file in it
		}
	}
	if len(args) > skip {
		return args[skip]
	}
	return "."
}

// needsConfig says whether a command reads packets (and so plan.yaml):
// not help and not the shell completion scripts.
func needsConfig(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "completion", "help", "version", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return false
		}
	}
	return true
}

// loadConfig reads the run's plan.yaml and applies its flag defaults to
// cmd's flags that were not given. A bad plan.yaml is printed as the
// file's own errors ("plan.yaml:4: error: ...") and ends the run with
// exit 2.
func (e *streams) loadConfig(cmd *cobra.Command, args []string) error {
	st := &e.cfg
	st.flags = map[string]string{}
	for _, f := range report.FlagSettings {
		if fl := cmd.Flags().Lookup(f.Key); fl != nil && fl.Changed {
			st.flags[f.Key] = fl.Value.String()
		}
	}
	file, found := st.file, "--config"
	if file == "" {
		var err error
		if file, err = parser.FindConfig(configArgsFrom(cmd, args)); err != nil {
			return &exitError{kind: kindInput, msg: "looking for plan.yaml: " + err.Error()}
		}
		found = "found"
	}
	if file == "" {
		return nil
	}
	c, err := parser.ReadConfig(file)
	var list parser.ConfigErrors
	switch {
	case errors.As(err, &list):
		return &exitError{kind: kindInput, lines: configErrorLines(list), hint: "see 'plan help config' for the keys and their values"}
	case errors.Is(err, fs.ErrNotExist) && found == "--config":
		return usageErrorf("", "--config %s: no such file", file)
	case err != nil:
		return inputError(err)
	}
	if c.Dist != "" {
		if _, err := schedule.ParseDistribution(c.Dist); err != nil {
			return &exitError{kind: kindInput, lines: []string{(&parser.ConfigError{File: c.File, Line: c.Lines["dist"],
				Msg: fmt.Sprintf("dist: %q is not lognormal, triangular, pert or uniform", c.Dist)}).Error()}}
		}
	}
	st.config, st.found = c, found
	return applyConfigDefaults(cmd, c)
}

// configErrorLines are a plan.yaml's errors, one line each.
func configErrorLines(list parser.ConfigErrors) []string {
	lines := make([]string, len(list))
	for i, ce := range list {
		lines[i] = termtext.Clean(ce.Error())
	}
	return lines
}

// applyConfigDefaults sets each flag of cmd that plan.yaml has a default
// for and the command line did not give. --holidays names a file, so
// plan.yaml's holiday dates are handed to the calendar instead.
func applyConfigDefaults(cmd *cobra.Command, c *parser.Config) error {
	for _, f := range report.FlagSettings {
		fl := cmd.Flags().Lookup(f.Key)
		v, set := f.Value(c)
		if fl == nil || fl.Changed || !set || f.Key == "holidays" {
			continue
		}
		if err := cmd.Flags().Set(f.Key, v); err != nil {
			return &exitError{kind: kindInput, lines: []string{(&parser.ConfigError{File: c.File, Line: c.Lines[f.Key],
				Msg: fmt.Sprintf("%s: %s", f.Key, err)}).Error()}}
		}
	}
	return nil
}

// configOptions are plan config's flags. The settings it prints are the
// run's (streams.cfg), read before any command runs; its other flags are
// there to be given and shown as set, not read here.
type configOptions struct {
	format string // text or json
}

// runConfig is plan config: the run's settings and where each came from.
func runConfig(e *streams, opts configOptions) error {
	defaults := map[string]string{"seed": fmt.Sprint(schedule.DefaultSeed)}
	r := report.BuildConfigReport(e.cfg.config, e.cfg.found, e.cfg.flags, defaults)
	if opts.format == "json" {
		return report.WriteJSON(e.stdout, r)
	}
	return report.WriteConfigText(e.stdout, r)
}

func newConfigCmd(e *streams) *cobra.Command {
	var (
		ff  formatFlags
		cal calendarFlags
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "config [PATH]",
		Short: "Print the settings and where each came from",
		Long: `plan config prints the settings plan uses for PATH (default "."), each
with where it came from: a flag, plan.yaml and its line, or the default.

plan.yaml says what packets cannot. plan looks for it in the folder read
and then its parents, up to the repository root (the folder holding .git);
--config FILE names it instead. Every key is optional:

  statuses:                  # a status word (any case, _ or - for a
    Shipped: complete        # space) -> not_started, in_progress,
    READY_FOR_QA: in_progress  # complete or cancelled
  sizes:                     # a T-shirt size or points -> days
    S: 1-2d
    M: 3-5d
  hours_per_day: 8           # for efforts in hours and minutes
  days_per_week: 5           # for efforts in weeks
  ignore: [archive/**]       # globs, relative to plan.yaml, not to read
  status_source: packets     # or index: an index's task list is the truth
  team: 3                    # defaults for the flags of the same names;
  sprint: 10                 # a flag on the command line wins
  start: 2026-12-01
  holidays: [2026-12-24, 2026-12-25]
  dist: lognormal
  seed: 1

A key plan does not know, a key set twice or a value it cannot read is
reported as "plan.yaml:LINE: error: ..." and plan exits 2.`,
		Example: `  plan config docs/packets
  plan config --team 4 docs/packets
  plan config --json docs/packets`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			return runConfig(e, configOptions{format: format})
		},
	}
	ff.register(cmd, formats)
	cal.register(cmd)
	var (
		team   int
		sprint float64
		dist   string
		seed   uint64
	)
	cmd.Flags().IntVar(&team, "team", 0, "number of people")
	cmd.Flags().Float64Var(&sprint, "sprint", 0, "sprint length in working `DAYS`")
	cmd.Flags().StringVar(&dist, "dist", "", "lognormal|triangular|pert|uniform")
	cmd.Flags().Uint64Var(&seed, "seed", schedule.DefaultSeed, "random seed")
	return cmd
}
