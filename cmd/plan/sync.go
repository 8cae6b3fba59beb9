package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/udiff"
	"github.com/workpackets/plan/parser"
)

// syncOptions are plan sync's flags.
type syncOptions struct {
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
			return runSync(e, args, opts)
		},
	}
	opts.load.register(cmd)
	cmd.Flags().BoolVarP(&opts.dryRun, "dry-run", "n", false, "print the changes as a unified diff; write nothing")
	cmd.Flags().BoolVar(&opts.check, "check", false, "write nothing; exit 1 if a status cell would change")
	cmd.Flags().BoolVar(&opts.force, "force", false, "write files whose mode says read-only too")
	return cmd
}

// syncedFile is what sync did, or would do, to one file.
type syncedFile struct {
	name string
	res  parser.SyncResult
	// leftAlone says why a file with changes was not written, or "".
	leftAlone string
	// readOnly is set when the file was not written because its mode
	// says read-only (and there was no --force).
	readOnly bool
	// writeFailed is set when writing the file failed (reported as an
	// error): its changes did not happen.
	writeFailed bool
}

// runSync is plan sync.
func runSync(e *streams, paths []string, opts syncOptions) error {
	for _, p := range paths {
		if p == "-" {
			return usageErrorf("give the files or folders to change", "plan sync changes files in place and cannot read standard input (-)")
		}
	}
	set, ioErrs := parser.Load(paths, parser.Options{MaxFileSize: int64(opts.load.maxFileSize), Config: e.cfg.config})
	for _, err := range ioErrs {
		e.errorf("%s", cleanErr(err)) // a file name may hold escape sequences or newlines
	}
	failed := len(ioErrs) > 0
	if e.reportEmpty(paths, set) {
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
	var done []syncedFile
	for _, name := range files {
		st, err := fileio.ReadForUpdate(name, maxSize)
		if err != nil {
			e.errorf("%s", cleanErr(err)) // a file name may hold escape sequences or newlines
			failed = true
			continue
		}
		f := syncedFile{name: name, res: syncer.Sync(name, st.Data)}
		if len(f.res.Changes) > 0 {
			switch {
			case opts.dryRun:
				if err := udiff.Write(e.stdout, name, st.Data, f.res.Src); err != nil {
					return err
				}
			case write && st.Mode.Perm()&0o200 == 0 && !opts.force:
				f.readOnly = true
				e.warnf("%s: not changed: its mode (%04o) says read-only; plan sync --force writes it anyway", cleanPath(name), st.Mode.Perm())
			case write:
				err := fileio.Replace(st, f.res.Src)
				switch {
				case errors.Is(err, fileio.ErrChangedOnDisk):
					f.leftAlone = err.Error()
				case err != nil:
					e.errorf("%s: not changed: %s", cleanPath(name), cleanErr(err))
					f.writeFailed = true
					failed = true
				}
			}
		}
		done = append(done, f)
	}
	return reportSync(e, done, opts, failed)
}

// reportSync lists what sync changed (or would change) and what it left
// alone, and returns the error that sets the exit code.
func reportSync(e *streams, done []syncedFile, opts syncOptions, failed bool) error {
	write := !opts.dryRun && !opts.check
	cells, files, left, unwritten := 0, 0, 0, 0
	for _, f := range done {
		switch {
		case f.writeFailed:
			unwritten += len(f.res.Changes)
		case f.readOnly:
			left += len(f.res.Changes)
		case f.leftAlone != "":
			e.warnf("%s: left alone, %s; run plan sync again", cleanPath(f.name), f.leftAlone)
			left += len(f.res.Changes)
		case len(f.res.Changes) > 0:
			cells += len(f.res.Changes)
			files++
			if !opts.dryRun {
				for _, c := range f.res.Changes {
					fmt.Fprintf(e.stdout, "%s:%d: %s: was %q, now %q\n", cleanPath(f.name), c.Line, clean(strings.Join(c.Refs, ", ")), clean(c.Old), c.New)
				}
			}
		}
		for _, k := range f.res.Skipped {
			e.warnf("%s:%d: stale status of %s left alone: %s", cleanPath(f.name), k.Line, clean(strings.Join(k.Refs, ", ")), clean(k.Reason))
			left++
		}
	}
	counted := fmt.Sprintf("%s in %s", plural(cells, "status cell"), plural(files, "file"))
	switch {
	case cells == 0 && left == 0 && unwritten == 0:
		e.infof("no stale status cells")
	case cells == 0:
		// Nothing changed, and the warnings and errors say why: no
		// "0 status cells changed" that reads as all being well.
	case write:
		e.infof("%s changed", counted)
	case opts.check:
		// The error below says it.
	default:
		e.infof("%s would change (dry run: nothing written)", counted)
	}
	if unwritten > 0 {
		e.infof("%s not written (see the errors above)", plural(unwritten, "stale status cell"))
	}
	switch {
	case failed:
		return ioFailure
	case opts.check && cells > 0:
		return &exitError{kind: kindProblems, msg: "stale status cells: " + counted, hint: "run 'plan sync' to rewrite them, or 'plan sync --dry-run' to see the diff"}
	case left > 0:
		return &exitError{kind: kindProblems, msg: plural(left, "stale status cell") + " left alone", hint: "see the warnings above"}
	}
	return nil
}
