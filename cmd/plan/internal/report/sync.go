package report

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
)

// This file is what plan sync says: the changed rows, the cells it left
// alone and why, and the summary.

// SyncedFile is what plan sync did, or would do, to one file.
type SyncedFile struct {
	// Name is the file as it was read.
	Name string
	// Result is the file's stale cells: those changed and those skipped.
	Result parser.SyncResult
	// LeftAlone says why a file with changes was not written, or "".
	LeftAlone string
	// ReadOnly is set when the file was not written because its mode
	// says read-only (and there was no --force); Perm is that mode.
	ReadOnly bool
	Perm     fs.FileMode
	// WriteErr is why writing the file failed, or nil: its changes did
	// not happen.
	WriteErr error
}

// LineKind is where a line plan prints goes, and in which voice.
type LineKind int

const (
	// LineOut is a line of the command's output, on standard output.
	LineOut LineKind = iota
	// LineNote is a "plan: ..." line on standard error (a summary).
	LineNote
	// LineWarning is a "plan: warning: ..." line.
	LineWarning
	// LineError is a "plan: error: ..." line.
	LineError
)

// Line is one line plan prints, without its "plan: warning: " prefix.
type Line struct {
	Kind LineKind
	Text string
}

// SyncFileLines are what plan sync says about one file as soon as it has
// tried to write it: that it was not written, because its mode says
// read-only or because writing failed.
func SyncFileLines(f SyncedFile) []Line {
	switch {
	case f.ReadOnly:
		return []Line{{LineWarning, fmt.Sprintf("%s: not changed: its mode (%04o) says read-only; plan sync --force writes it anyway", cleanPath(f.Name), f.Perm.Perm())}}
	case f.WriteErr != nil:
		return []Line{{LineError, fmt.Sprintf("%s: not changed: %s", cleanPath(f.Name), termtext.Error(f.WriteErr))}}
	}
	return nil
}

// Sync is what plan sync says once every file is done.
type Sync struct {
	// Lines are printed in order: the changed rows (not for a dry run,
	// whose diff says it), the files and cells left alone, the summary.
	Lines []Line
	// Failure, when not "", is why the run fails although every file
	// was read and written: --check found a stale cell, or one was left
	// alone. FailureHint says what to do.
	Failure, FailureHint string
}

// BuildSync words what plan sync did to files; dryRun and check are its
// flags (with neither, the files were written).
func BuildSync(files []SyncedFile, dryRun, check bool) Sync {
	var r Sync
	add := func(k LineKind, format string, args ...any) {
		r.Lines = append(r.Lines, Line{k, fmt.Sprintf(format, args...)})
	}
	write := !dryRun && !check
	cells, changedFiles, left, unwritten := 0, 0, 0, 0
	for _, f := range files {
		switch {
		case f.WriteErr != nil:
			unwritten += len(f.Result.Changes)
		case f.ReadOnly:
			left += len(f.Result.Changes)
		case f.LeftAlone != "":
			add(LineWarning, "%s: left alone, %s; run plan sync again", cleanPath(f.Name), f.LeftAlone)
			left += len(f.Result.Changes)
		case len(f.Result.Changes) > 0:
			cells += len(f.Result.Changes)
			changedFiles++
			if !dryRun {
				for _, c := range f.Result.Changes {
					add(LineOut, "%s:%d: %s: was %q, now %q", cleanPath(f.Name), c.Line, clean(strings.Join(c.Refs, ", ")), clean(c.Old), c.New)
				}
			}
		}
		for _, k := range f.Result.Skipped {
			add(LineWarning, "%s:%d: stale status of %s left alone: %s", cleanPath(f.Name), k.Line, clean(strings.Join(k.Refs, ", ")), clean(k.Reason))
			left++
		}
	}
	counted := fmt.Sprintf("%s in %s", Plural(cells, "status cell"), Plural(changedFiles, "file"))
	switch {
	case cells == 0 && left == 0 && unwritten == 0:
		add(LineNote, "no stale status cells")
	case cells == 0:
		// Nothing changed, and the warnings and errors say why: no
		// "0 status cells changed" that reads as all being well.
	case write:
		add(LineNote, "%s changed", counted)
	case check:
		// The failure says it.
	default:
		add(LineNote, "%s would change (dry run: nothing written)", counted)
	}
	if unwritten > 0 {
		add(LineNote, "%s not written (see the errors above)", Plural(unwritten, "stale status cell"))
	}
	switch {
	case check && cells > 0:
		r.Failure, r.FailureHint = "stale status cells: "+counted, "run 'plan sync' to rewrite them, or 'plan sync --dry-run' to see the diff"
	case left > 0:
		r.Failure, r.FailureHint = Plural(left, "stale status cell")+" left alone", "see the warnings above"
	}
	return r
}
