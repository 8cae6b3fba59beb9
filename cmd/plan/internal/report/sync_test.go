package report

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/workpackets/plan/parser"
)

// TestBuildSync: what plan sync says for each kind of outcome, and that a
// run which changed nothing never reads as "0 status cells changed".
func TestBuildSync(t *testing.T) {
	changed := SyncedFile{Name: "docs/a.md", Result: parser.SyncResult{Changes: []parser.CellChange{
		{Line: 11, Refs: []string{"DEP-001"}, Old: "❌ Blocked", New: "✅ Complete"},
		{Line: 12, Refs: []string{"DEP-002", "DEP-003"}, Old: "Done\x1b[31m", New: "🚧 Not Started"},
	}}}
	skipped := SyncedFile{Name: "docs/b.md", Result: parser.SyncResult{Skipped: []parser.CellSkip{
		{Line: 4, Refs: []string{"X-1"}, Reason: "the row names packets whose statuses differ"},
	}}}
	stale := []parser.CellChange{{Line: 3, Refs: []string{"X-1"}, Old: "Done", New: "🚧 Not Started"}}
	rows := []Line{
		{LineOut, `docs/a.md:11: DEP-001: was "❌ Blocked", now "✅ Complete"`},
		{LineOut, `docs/a.md:12: DEP-002, DEP-003: was "Done\\x1b[31m", now "🚧 Not Started"`},
	}
	tests := []struct {
		name          string
		files         []SyncedFile
		dryRun, check bool
		lines         []Line
		failure       string
	}{
		{"nothing stale", []SyncedFile{{Name: "docs/c.md"}}, false, false,
			[]Line{{LineNote, "no stale status cells"}}, ""},
		{"written", []SyncedFile{changed}, false, false,
			append(rows, Line{LineNote, "2 status cells in 1 file changed"}), ""},
		{"dry run: the diff lists the rows", []SyncedFile{changed}, true, false,
			[]Line{{LineNote, "2 status cells in 1 file would change (dry run: nothing written)"}}, ""},
		{"check fails", []SyncedFile{changed}, false, true,
			rows, "stale status cells: 2 status cells in 1 file"},
		{"dry run and check: the diff, and the failure", []SyncedFile{changed}, true, true,
			nil, "stale status cells: 2 status cells in 1 file"},
		{"a skipped cell fails the run", []SyncedFile{skipped}, false, false,
			[]Line{{LineWarning, "docs/b.md:4: stale status of X-1 left alone: the row names packets whose statuses differ"}}, "1 stale status cell left alone"},
		{"changed on disk", []SyncedFile{{Name: "docs/d.md", Result: parser.SyncResult{Changes: stale}, LeftAlone: "it changed on disk since plan read it"}}, false, false,
			[]Line{{LineWarning, "docs/d.md: left alone, it changed on disk since plan read it; run plan sync again"}}, "1 stale status cell left alone"},
		{"read-only: the file's own warning says it", []SyncedFile{{Name: "docs/e.md", Result: parser.SyncResult{Changes: stale}, ReadOnly: true, Perm: 0o444}}, false, false,
			nil, "1 stale status cell left alone"},
		{"write failed", []SyncedFile{{Name: "docs/f.md", Result: parser.SyncResult{Changes: stale}, WriteErr: errors.New("disk full")}, changed}, false, false,
			append(append([]Line(nil), rows...), Line{LineNote, "2 status cells in 1 file changed"}, Line{LineNote, "1 stale status cell not written (see the errors above)"}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := BuildSync(tt.files, tt.dryRun, tt.check)
			assert.Equal(t, tt.lines, r.Lines)
			assert.Equal(t, tt.failure, r.Failure)
			assert.Equal(t, tt.failure != "", r.FailureHint != "", "a failure has a hint")
		})
	}
}

func TestSyncFileLines(t *testing.T) {
	assert.Equal(t, []Line{{LineWarning, "docs/e.md: not changed: its mode (0444) says read-only; plan sync --force writes it anyway"}},
		SyncFileLines(SyncedFile{Name: "docs/e.md", ReadOnly: true, Perm: 0o444}))
	assert.Equal(t, []Line{{LineError, "docs/f.md: not changed: disk full"}},
		SyncFileLines(SyncedFile{Name: "docs/f.md", WriteErr: errors.New("disk full")}))
	assert.Nil(t, SyncFileLines(SyncedFile{Name: "docs/a.md"}))
}
