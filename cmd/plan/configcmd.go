package main

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/spf13/cobra"

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
// two words; `plan explain` takes one file or packet ID.
func configArgsFrom(cmd *cobra.Command, args []string) string {
	skip := 0
	if cmd.Name() == "new" {
		skip = 2
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
		case "completion", "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return false
		}
	}
	return true
}

// loadConfig reads the run's plan.yaml and applies its flag defaults to
// cmd's flags that were not given. A bad plan.yaml is printed as the
// file's own errors ("plan.yaml:4: error: ...") and ends the run with
// exit 2.
func (e *env) loadConfig(cmd *cobra.Command, args []string) error {
	st := &e.cfg
	st.flags = map[string]string{}
	for _, f := range configFlagSettings {
		if fl := cmd.Flags().Lookup(f.key); fl != nil && fl.Changed {
			st.flags[f.key] = fl.Value.String()
		}
	}
	file, found := st.file, "--config"
	if file == "" {
		var err error
		if file, err = parser.FindConfig(configArgsFrom(cmd, args)); err != nil {
			return &exitError{code: exitUsage, msg: "looking for plan.yaml: " + err.Error()}
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
		return &exitError{code: exitUsage, lines: configErrorLines(list), hint: "see 'plan help config' for the keys and their values"}
	case errors.Is(err, fs.ErrNotExist) && found == "--config":
		return usageErrorf("", "--config %s: no such file", file)
	case err != nil:
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	if c.Dist != "" {
		if _, err := schedule.ParseDistribution(c.Dist); err != nil {
			return &exitError{code: exitUsage, lines: []string{(&parser.ConfigError{File: c.File, Line: c.Lines["dist"],
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
		lines[i] = clean(ce.Error())
	}
	return lines
}

// applyConfigDefaults sets each flag of cmd that plan.yaml has a default
// for and the command line did not give. --holidays names a file, so
// plan.yaml's holiday dates are handed to the calendar instead.
func applyConfigDefaults(cmd *cobra.Command, c *parser.Config) error {
	for _, f := range configFlagSettings {
		fl := cmd.Flags().Lookup(f.key)
		v, set := f.value(c)
		if fl == nil || fl.Changed || !set || f.key == "holidays" {
			continue
		}
		if err := cmd.Flags().Set(f.key, v); err != nil {
			return &exitError{code: exitUsage, lines: []string{(&parser.ConfigError{File: c.File, Line: c.Lines[f.key],
				Msg: fmt.Sprintf("%s: %s", f.key, err)}).Error()}}
		}
	}
	return nil
}

func newConfigCmd(e *env) *cobra.Command {
	var (
		ff  formatFlags
		cal calendarFlags
	)
	formats := []string{"text", "json"}
	cmd := &cobra.Command{
		Use:   "config [PATH]",
		Short: "Print the effective settings and where each came from",
		Long: `plan config prints the settings plan would use for PATH (default "."):
what plan.yaml's statuses and sizes mean, the working day and week, the
files ignored, and the flag defaults, each with where it came from: a
flag, plan.yaml and its line, or the built-in default. plan.yaml is looked
up from PATH and its parents up to the repository root; --config names it.
See 'plan help config' for the keys.`,
		Example: `  plan config docs/packets
  plan config --team 4 docs/packets
  plan config --config ci/plan.yaml --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			format, err := ff.resolve(cmd, formats)
			if err != nil {
				return err
			}
			defaults := map[string]string{"seed": fmt.Sprint(schedule.DefaultSeed)}
			r := buildConfigReport(e.cfg.config, e.cfg.found, e.cfg.flags, defaults)
			if format == "json" {
				return writeJSON(e.stdout, r)
			}
			return writeConfigText(e.stdout, r)
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
