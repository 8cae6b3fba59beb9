package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
)

func newExplainCmd(e *streams) *cobra.Command {
	var opts explainOptions
	return withQueryFlags(&cobra.Command{
		Use:   "explain FILE|ID [PATH...]",
		Short: "Say what plan read from one file, line by line",
		Long: `plan explain says what plan reads from one file: whether it is a packet and,
if not, why; each header field with its line, its text and what plan made
of it; each dependency with its line, how it was found (table, header line,
bullet, range, link, a reverse Blocks line), what it resolved to and whether
it blocks the packet. Name the file, or the packet by its ID.

The folder (PATH, default ".") is read too, so that references resolve as
every other command resolves them.`,
		Example: `  plan explain docs/packets/frontend/FE-BROWSE-001-browse-pages.md
  plan explain FE-BROWSE-001 docs/packets
  plan explain --json BE-PAY-001 docs/packets`,
		Args: cobra.MinimumNArgs(1),
	}, []string{"text", "json"}, &opts.queryOptions, func(cmd *cobra.Command, args []string) error {
		opts.target, opts.paths = args[0], args[1:]
		return runExplain(e, opts)
	})
}

// explainOptions are what `plan explain` was asked for.
type explainOptions struct {
	// target is the file or packet ID to explain; paths (of
	// queryOptions), the folders read with it (default ".").
	target string
	queryOptions
}

// runExplain is `plan explain` without cobra.
func runExplain(e *streams, opts explainOptions) error {
	target, paths := opts.target, opts.paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	fi, statErr := os.Stat(target)
	isFile, isDir := statErr == nil && !fi.IsDir(), statErr == nil && fi.IsDir()
	folderErr := func() error {
		return usageErrorf(report.ExplainFolderHint(target), "%s", report.ExplainFolder(target))
	}
	if isDir && !parser.IsID(strings.ToUpper(target)) {
		// Said before PATH is read. A folder named like an ID (WP-001)
		// is looked up as the ID first: it may hold that packet's files.
		return folderErr()
	}
	// The packet may be outside PATH, which then need hold none.
	a, failed, err := e.loadSet(paths, opts.load, report.Analyze, false)
	if err != nil {
		return err
	}
	file := ""
	if isFile {
		file = a.FindFile(target)
		if file == "" {
			// Not under PATH (or hidden there): read it as well.
			if a, failed, err = e.loadSet(append(paths, target), opts.load, report.Analyze, false); err != nil {
				return err
			}
			file = a.FindFile(target)
		}
		if file == "" {
			file = filepath.Clean(target)
		}
	} else {
		p := a.PacketByID(target)
		if p == nil {
			if isDir {
				return folderErr()
			}
			if !parser.IsID(strings.ToUpper(target)) {
				return usageErrorf("name a packet file, or a packet ID such as WP-001", "no file named %q", target)
			}
			// The paths are printed escaped: a folder's name may hold
			// escape sequences (the target is an ID, so it cannot).
			shown := make([]string, len(paths))
			for i, p := range paths {
				shown[i] = termtext.Path(p)
			}
			return usageErrorf("run 'plan -v "+strings.Join(shown, " ")+"' to see which files are read", "no packet %s in %s", target, strings.Join(shown, " "))
		}
		file = p.File
	}
	src, err := fileio.ReadLimited(file, int64(opts.load.maxFileSize))
	if err != nil {
		return inputError(err)
	}
	ex := parser.Explain(file, src)
	r := report.BuildExplain(file, ex, a.PacketInFile(file), a)
	err = writers{
		"json": func() error { return report.WriteJSON(e.stdout, r) },
		"text": func() error { return report.WriteExplainText(e.stdout, r) },
	}.write(opts.format)
	if err == nil && failed {
		err = ioFailure
	}
	return err
}
