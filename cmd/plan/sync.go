package main

import (
	"errors"
	"fmt"
	"sort"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/cmd/plan/internal/udiff"
	"github.com/workpackets/plan/parser"
)

// syncOptions are plan sync's arguments and flags.
type syncOptions struct {
	paths  []string
	load   loadOptions
	dryRun bool
	check  bool
	force  bool
}

func newSyncCmd(e *streams) *cobra.Command {
	var opts syncOptions
	cmd := &cobra.Command{
		Use:   "sync [PATH...]",
		Short: "Rewrite stale status cells to the referenced packets' own status",
		Long: `sync rewrites every status cell that plan check reports as stale-status to
the referenced packet's own status, in the template's words
(✅ Complete, 🏗️ In Progress or 🏗️ 50% Complete, 🚧 Not Started). Only the
text of those cells changes: line endings, a byte-order mark, the spacing
around the cell, the other cells and the rest of the file stay byte for
byte. A task-list box of an index file ("- [x] WP-001 ...", a file that is
no packet) that contradicts the packet's status is flipped; with
status_source: index in plan.yaml the index is the truth instead, and a
packet's Status line that contradicts it is rewritten to ✅ Complete or
🚧 Not Started.

Each file is written to a temporary file in its folder, synced and renamed
over the original, keeping its permissions. A file that changed on disk
since sync read it is left alone, and so is a file whose mode says it is
read-only (chmod 444, as git and editors warn) unless --force is given. A cell is changed only when the file,
read again, says exactly the new status; otherwise (a mis-encoded file that
would not read back, a row naming packets whose statuses differ) it is left
alone with a warning. A second sync changes nothing.

--dry-run prints the changes as a unified diff and writes nothing. --check
writes nothing and exits 1 when a cell would change (for CI). Without
either, the changed rows are listed as file:line: ID: was "old", now "new".
sync exits 1 when a stale cell was left alone.`,
		Example: `  plan sync docs/packets
  plan sync --dry-run docs/packets
  plan sync --check docs/packets`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			return runSync(e, opts)
		},
	}
	opts.load.register(cmd)
	cmd.Flags().BoolVarP(&opts.dryRun, "dry-run", "n", false, "print the changes as a unified diff; write nothing")
	cmd.Flags().BoolVar(&opts.check, "check", false, "write nothing; exit 1 if a status cell would change")
	cmd.Flags().BoolVar(&opts.force, "force", false, "write files whose mode says read-only too")
	return cmd
}

// runSync is plan sync.
func runSync(e *streams, opts syncOptions) error {
	for _, p := range opts.paths {
		if p == "-" {
			return usageErrorf("give the files or folders to change", "plan sync changes files in place and cannot read standard input (-)")
		}
	}
	set, ioErrs := parser.Load(opts.paths, parser.Options{MaxFileSize: int64(opts.load.maxFileSize), Config: e.cfg.config})
	for _, err := range ioErrs {
		e.errorf("%s", termtext.Error(err)) // a file name may hold escape sequences or newlines
	}
	failed := len(ioErrs) > 0
	if e.reportEmpty(opts.paths, set) {
		// A path without packets has no status cell to sync: a mistyped
		// folder must not pass for an up-to-date one.
		if len(set.Packets) == 0 {
			return ioFailure
		}
		failed = true
	}
	maxSize := int64(opts.load.maxFileSize) // register set the default; Set refuses 0
	write := !opts.dryRun && !opts.check

	syncer := parser.NewStatusSyncer(set)
	files := make([]string, 0, len(set.Packets)+len(set.Indexes))
	for _, p := range set.Packets {
		files = append(files, p.File)
	}
	// An index file's task-list boxes are status claims too.
	files = append(files, set.Indexes...)
	sort.Strings(files)
	var done []report.SyncedFile
	for _, name := range files {
		st, err := fileio.ReadForUpdate(name, maxSize)
		if err != nil {
			e.errorf("%s", termtext.Error(err)) // a file name may hold escape sequences or newlines
			failed = true
			continue
		}
		f := report.SyncedFile{Name: name, Result: syncer.Sync(name, st.Data)}
		if len(f.Result.Changes) > 0 {
			switch {
			case opts.dryRun:
				if err := udiff.Write(e.stdout, name, st.Data, f.Result.Src); err != nil {
					return err
				}
			case write && st.Mode.Perm()&0o200 == 0 && !opts.force:
				f.ReadOnly, f.Perm = true, st.Mode.Perm()
			case write:
				err := fileio.Replace(st, f.Result.Src)
				switch {
				case errors.Is(err, fileio.ErrChangedOnDisk):
					f.LeftAlone = err.Error()
				case err != nil:
					f.WriteErr = err
					failed = true
				}
			}
		}
		e.printLines(report.SyncFileLines(f))
		done = append(done, f)
	}
	r := report.BuildSync(done, opts.dryRun, opts.check)
	e.printLines(r.Lines)
	switch {
	case failed:
		return ioFailure
	case r.Failure != "":
		return &exitError{kind: kindProblems, msg: r.Failure, hint: r.FailureHint}
	}
	return nil
}

// printLines prints lines each on its stream, in plan's voice.
func (e *streams) printLines(lines []report.Line) {
	for _, l := range lines {
		switch l.Kind {
		case report.LineOut:
			fmt.Fprintln(e.stdout, l.Text)
		case report.LineNote:
			e.infof("%s", l.Text)
		case report.LineWarning:
			e.warnf("%s", l.Text)
		case report.LineError:
			e.errorf("%s", l.Text)
		}
	}
}
