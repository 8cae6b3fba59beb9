package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// addCompletions gives the shell completion what it cannot guess from
// the flags' types: the root command's arguments are files and folders
// (besides the command names), --dist takes a distribution's name and
// --by a packet ID from the folders named on the line (or "."). --format
// completes its own command's formats (formatFlags.register).
func addCompletions(root *cobra.Command) {
	root.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveDefault // paths, after the command names cobra lists
	}
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		if c.Flags().Lookup("dist") != nil {
			_ = c.RegisterFlagCompletionFunc("dist", cobra.FixedCompletions(schedule.DistributionNames(), cobra.ShellCompDirectiveNoFileComp))
		}
		if c.Flags().Lookup("by") != nil {
			_ = c.RegisterFlagCompletionFunc("by", completePacketIDs)
		}
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(root)
}

// completePacketIDs lists the IDs of the packets under the paths given so
// far (or "."), those that start with what was typed in any case.
func completePacketIDs(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	paths := args
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var clean []string
	for _, p := range paths {
		if p != "-" { // standard input is the shell's, not packets
			clean = append(clean, p)
		}
	}
	set, _ := parser.Load(clean, parser.Options{MaxFileSize: parser.DefaultMaxFileSize})
	var ids []string
	for _, p := range set.Packets {
		if strings.HasPrefix(strings.ToUpper(p.ID), strings.ToUpper(toComplete)) {
			ids = append(ids, p.ID)
		}
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}
