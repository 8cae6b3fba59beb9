package main

import (
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
)

// TestSyncSummaryAfterWriteFailure: when writing a file fails, the
// summary says its cells were not written, never "no stale status cells"
// nor "0 status cells ... changed", and sync exits 2.
func TestSyncSummaryAfterWriteFailure(t *testing.T) {
	dir, file, old, _ := syncFixture(t, 0)
	fileio.AfterWrite = func(string, string) error { return errors.New("input/output error") }
	defer func() { fileio.AfterWrite = nil }()
	code, out, errOut := runPlan("sync", dir)
	assert.Equal(t, exitUsage, code)
	assert.Empty(t, out, "no change is listed as made")
	assert.Contains(t, errOut, "plan: error: "+file+": not changed: input/output error\n")
	assert.Contains(t, errOut, "plan: 1 stale status cell not written (see the errors above)\n")
	assert.NotContains(t, errOut, "no stale status cells")
	assert.NotContains(t, errOut, "changed\n")
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, old, got)
	assertNoTempFiles(t, dir)
}

// TestSyncReadOnly: a file whose mode says read-only is left alone with a
// warning (exit 1) and no "changed" summary; --force writes it and keeps
// its mode.
func TestSyncReadOnly(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir, file, old, want := syncFixture(t, 0)
	require.NoError(t, os.Chmod(file, 0o444))
	code, out, errOut := runPlan("sync", dir)
	assert.Equal(t, exitProblems, code, errOut)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "plan: warning: "+file+": not changed: its mode (0444) says read-only; plan sync --force writes it anyway\n")
	assert.NotContains(t, errOut, "changed\n")
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, old, got)

	code, out, errOut = runPlan("sync", "--force", dir)
	assert.Equal(t, 0, code, errOut)
	assert.True(t, strings.HasSuffix(out, `was "❌ Blocked", now "✅ Complete"`+"\n"), out)
	got, err = os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	fi, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o444), fi.Mode().Perm(), "--force keeps the mode")
}
