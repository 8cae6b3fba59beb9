package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/help"
)

// newHelpCmd replaces cobra's help command. `plan help TOPIC` prints a
// reference page embedded in the binary (the packet format, the JSON
// schemas, the exit codes, ...), so the reference works after `go
// install` without the clone; `plan help COMMAND` prints a command's help
// as before. A topic is not a command, so `plan format` still reads a
// folder named format.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [TOPIC|COMMAND]",
		Short: "Reference pages, and help about any command",
		Long: `help prints a reference page or a command's help.

Topics:
` + help.TopicList() + `
plan help json NAME prints the JSON Schema of one document (plan, check,
order, ...) and nothing else.`,
		Example: `  plan help format
  plan help json check > check.schema.json
  plan help check`,
		SilenceUsage:  true,
		SilenceErrors: true,
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			names := help.TopicNames()
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() && c.Name() != "help" {
					names = append(names, c.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runHelp(root, cmd.OutOrStdout(), args)
		},
	}
}

// runHelp prints the page args ask for.
func runHelp(root *cobra.Command, w io.Writer, args []string) error {
	if len(args) >= 1 && args[0] == "json" && len(args) == 2 {
		s, ok := help.Schema(args[1])
		if !ok {
			return usageErrorf("the names: "+strings.Join(help.SchemaNames(), ", "), "no JSON schema named %q", args[1])
		}
		_, err := w.Write(s)
		return err
	}
	if len(args) == 1 {
		if page, ok := help.Page(args[0]); ok {
			_, err := io.WriteString(w, page)
			return err
		}
	}
	c, rest, err := root.Find(args)
	if err != nil || c == nil || len(rest) > 0 {
		return usageErrorf("topics: "+strings.Join(help.TopicNames(), ", ")+"; 'plan --help' lists the commands",
			"no help topic or command named %q", strings.Join(args, " "))
	}
	c.InitDefaultHelpFlag()
	c.InitDefaultVersionFlag()
	return c.Help()
}
