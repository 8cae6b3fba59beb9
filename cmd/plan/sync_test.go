package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/parser"
)

const (
	syncDepPacket = "# DEP-001: Done\n\n**Priority**: P1\n**Status**: ✅ Complete\n**Estimated Effort**: 1 day\n"
	syncStaleRow  = "| DEP-001 | ❌ Blocked | stale |\n"
	syncFixedRow  = "| DEP-001 | ✅ Complete | stale |\n"
)

// syncFixture writes a folder with a complete packet DEP-001 and a packet
// USE-001 whose row says DEP-001 is blocked, followed by padding bytes of
// notes. It returns the folder, USE-001's path and its content after sync.
func syncFixture(t *testing.T, padding int) (dir, file string, old, new []byte) {
	t.Helper()
	dir = t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "DEP-001.md"), []byte(syncDepPacket), 0o644))
	var b bytes.Buffer
	b.WriteString("# USE-001: User\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1 day\n\n## Dependencies\n\n")
	b.WriteString("| Dependency | Status | Description |\n|---|---|---|\n")
	b.WriteString(syncStaleRow)
	b.WriteString("\n## Notes\n\n")
	for i := 0; b.Len() < padding; i++ {
		fmt.Fprintf(&b, "Note %d: some words to make the file large enough to take a while to write.\n", i)
	}
	old = b.Bytes()
	new = bytes.Replace(old, []byte(syncStaleRow), []byte(syncFixedRow), 1)
	file = filepath.Join(dir, "USE-001.md")
	require.NoError(t, os.WriteFile(file, old, 0o644))
	return dir, file, old, new
}

func runPlan(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

func TestSyncWritesAndKeepsMode(t *testing.T) {
	dir, file, _, want := syncFixture(t, 0)
	require.NoError(t, os.Chmod(file, 0o640))
	code, out, errOut := runPlan("sync", dir)
	assert.Equal(t, 0, code, errOut)
	assert.Equal(t, file+`:11: DEP-001: was "❌ Blocked", now "✅ Complete"`+"\n", out)
	assert.Equal(t, "plan: 1 status cell in 1 file changed\n", errOut)
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	fi, err := os.Stat(file)
	require.NoError(t, err)
	if runtime.GOOS != "windows" {
		assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm(), "the file keeps its permissions")
	}
	assertNoTempFiles(t, dir)

	code, out, errOut = runPlan("sync", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out, "a second sync changes nothing")
	assert.Equal(t, "plan: no stale status cells\n", errOut)
}

func TestSyncCheckAndDryRunWriteNothing(t *testing.T) {
	dir, file, old, want := syncFixture(t, 0)
	code, out, errOut := runPlan("sync", "--check", dir)
	assert.Equal(t, exitProblems, code)
	assert.Contains(t, out, `:11: DEP-001: was "❌ Blocked", now "✅ Complete"`)
	assert.Contains(t, errOut, "plan: error: stale status cells: 1 status cell in 1 file\nplan: hint: run 'plan sync'")

	code, out, errOut = runPlan("sync", "--dry-run", dir)
	assert.Equal(t, 0, code, errOut)
	p := strings.TrimPrefix(filepath.ToSlash(file), "/")
	assert.Equal(t, "--- a/"+p+"\n+++ b/"+p+"\n@@ -8,7 +8,7 @@\n \n | Dependency | Status | Description |\n |---|---|---|\n-"+syncStaleRow+"+"+syncFixedRow+" \n ## Notes\n \n", out)
	assert.Contains(t, errOut, "dry run: nothing written")

	code, _, _ = runPlan("sync", "--dry-run", "--check", dir)
	assert.Equal(t, exitProblems, code, "--dry-run --check prints the diff and fails")

	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, old, got, "--check and --dry-run write nothing")
	assert.NotEqual(t, old, want)
	assertNoTempFiles(t, dir)
}

// TestSyncDetectsConcurrentEdit: a file edited between sync's read and its
// rename is left alone, with the edit kept, even when the edit keeps the
// size and the modification time.
func TestSyncDetectsConcurrentEdit(t *testing.T) {
	for _, keepTimes := range []bool{false, true} {
		t.Run(fmt.Sprintf("same size and time %v", keepTimes), func(t *testing.T) {
			dir, file, old, _ := syncFixture(t, 0)
			edited := bytes.Replace(old, []byte("Priority**: P1"), []byte("Priority**: P2"), 1)
			require.Equal(t, len(old), len(edited))
			fileio.AfterWrite = func(original, temp string) error {
				fi, err := os.Stat(original)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(original, edited, 0o644))
				if keepTimes {
					require.NoError(t, os.Chtimes(original, fi.ModTime(), fi.ModTime()))
				}
				return nil
			}
			defer func() { fileio.AfterWrite = nil }()
			code, out, errOut := runPlan("sync", dir)
			assert.Equal(t, exitProblems, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, "plan: warning: "+file+": left alone, it changed on disk since plan read it; run plan sync again\n")
			assert.Contains(t, errOut, "plan: error: 1 stale status cell left alone\n")
			got, err := os.ReadFile(file)
			require.NoError(t, err)
			assert.Equal(t, string(edited), string(got), "the concurrent edit is kept")
			assertNoTempFiles(t, dir)
		})
	}
}

// TestSyncFailureBeforeRename: a failure after the temporary file is
// written leaves the original as it was and no temporary file.
func TestSyncFailureBeforeRename(t *testing.T) {
	dir, file, old, _ := syncFixture(t, 0)
	fileio.AfterWrite = func(original, temp string) error {
		data, err := os.ReadFile(temp)
		require.NoError(t, err)
		assert.Contains(t, string(data), syncFixedRow, "the temporary file is complete before the rename")
		return errors.New("disk on fire")
	}
	defer func() { fileio.AfterWrite = nil }()
	code, _, errOut := runPlan("sync", dir)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "plan: error: "+file+": not changed: disk on fire\n")
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	assert.Equal(t, old, got)
	assertNoTempFiles(t, dir)
}

func TestSyncFollowsSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir, file, _, want := syncFixture(t, 0)
	other := t.TempDir()
	target := filepath.Join(other, "USE-001.md")
	require.NoError(t, os.Rename(file, target))
	require.NoError(t, os.Symlink(target, file))
	code, _, errOut := runPlan("sync", dir)
	assert.Equal(t, 0, code, errOut)
	fi, err := os.Lstat(file)
	require.NoError(t, err)
	assert.NotZero(t, fi.Mode()&os.ModeSymlink, "the link stays a link")
	got, err := os.ReadFile(target)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "the file it points to is changed")
}

func TestSyncRefusesStdin(t *testing.T) {
	code, _, errOut := runPlan("sync", "-")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errOut, "cannot read standard input")
}

// TestSyncHelperProcess is the child of TestSyncKilledWhileWriting: it
// syncs the folder it is given, unless it is killed first.
func TestSyncHelperProcess(t *testing.T) {
	dir := os.Getenv("PLAN_SYNC_HELPER_DIR")
	if dir == "" {
		t.Skip("run by TestSyncKilledWhileWriting")
	}
	os.Exit(run([]string{"sync", dir}, strings.NewReader(""), io.Discard, io.Discard))
}

// TestSyncKilledWhileWriting kills a sync of a large file at random moments
// (seeded) and checks that the file is then always the old or the new
// version, never a mix, and that plan reads no temporary file left behind.
// Half of the kills fall anywhere in the run; the other half fall while
// the temporary file is being written, synced and renamed.
func TestSyncKilledWhileWriting(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs sync in child processes")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	dir, file, old, want := syncFixture(t, 4<<20)
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSyncHelperProcess$")
		cmd.Env = append(os.Environ(), "PLAN_SYNC_HELPER_DIR="+dir)
		return cmd
	}
	// How long a whole run takes, to kill within it.
	start := time.Now()
	require.NoError(t, child().Run())
	full := time.Since(start)
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	require.Equal(t, want, got)

	tempExists := func() bool {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				return true
			}
		}
		return false
	}
	rng := rand.New(rand.NewPCG(7, 7))
	outcomes := map[string]int{}
	for i := 0; i < 24; i++ {
		require.NoError(t, os.WriteFile(file, old, 0o644))
		for _, e := range mustReadDir(t, dir) {
			if strings.HasSuffix(e.Name(), ".tmp") {
				require.NoError(t, os.Remove(filepath.Join(dir, e.Name())))
			}
		}
		cmd := child()
		require.NoError(t, cmd.Start())
		if i%2 == 0 {
			time.Sleep(time.Duration(rng.Int64N(int64(full))))
		} else {
			// Wait for the temporary file, then kill within a few
			// milliseconds: during the write, the sync or the rename.
			deadline := time.Now().Add(2 * full)
			for !tempExists() && time.Now().Before(deadline) {
				time.Sleep(50 * time.Microsecond)
			}
			time.Sleep(time.Duration(rng.Int64N(int64(5 * time.Millisecond))))
		}
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		got, err := os.ReadFile(file)
		require.NoError(t, err)
		switch {
		case bytes.Equal(got, old):
			outcomes["old"]++
		case bytes.Equal(got, want):
			outcomes["new"]++
		default:
			t.Fatalf("kill %d: the file is neither the old nor the new version (%d bytes)", i, len(got))
		}
		if tempExists() {
			outcomes["temporary file left"]++
		}
		set, errs := parser.Load([]string{dir}, parser.Options{MaxFileSize: 16 << 20})
		require.Empty(t, errs)
		assert.Len(t, set.Files, 2, "a temporary file left by a killed sync is not read")
	}
	t.Logf("one sync takes %v; after the kills: %v", full, outcomes)
}

func mustReadDir(t *testing.T, dir string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	return entries
}

// TestSyncCorpus runs sync on a temporary copy of the real folder
// (../shared/corpora/codex-work-packets) when it is present: every
// stale-status row is fixed, plan check reports none afterwards, a second
// sync changes nothing, and only the status cells of the reported rows
// changed, every other byte staying the same.
func TestSyncCorpus(t *testing.T) {
	src := filepath.Join("..", "..", "..", "shared", "corpora", "codex-work-packets")
	if _, err := os.Stat(src); err != nil {
		t.Skip("the real folder ../shared/corpora/codex-work-packets is not present")
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	require.NoError(t, copyTree(src, dir))

	before, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	stale := map[string]lineSet{} // file -> lines
	for _, p := range before.Problems {
		if p.Code == parser.CodeStaleStatus {
			if stale[p.File] == nil {
				stale[p.File] = lineSet{}
			}
			stale[p.File][p.Line] = true
		}
	}
	require.NotEmpty(t, stale, "the real folder has stale rows")
	old := readTree(t, dir)

	code, out, errOut := runPlan("sync", dir)
	require.Equal(t, 0, code, errOut)
	n := 0
	for _, lines := range stale {
		n += len(lines)
	}
	assert.Equal(t, n, strings.Count(out, "\n"), "one line per changed row")

	after, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	for _, p := range after.Problems {
		assert.NotEqual(t, parser.CodeStaleStatus, p.Code, "still stale: %s", p)
	}
	assert.Equal(t, len(before.Packets), len(after.Packets))

	synced := readTree(t, dir)
	require.Equal(t, len(old), len(synced))
	for name, o := range old {
		s := synced[name]
		if len(stale[name]) == 0 {
			assert.Equal(t, o, s, "%s has no stale row and is unchanged", name)
			continue
		}
		ol, sl := strings.SplitAfter(string(o), "\n"), strings.SplitAfter(string(s), "\n")
		require.Equal(t, len(ol), len(sl), name)
		for i := range ol {
			if ol[i] == sl[i] {
				continue
			}
			require.True(t, stale[name][i+1], "%s:%d changed but was not reported stale", name, i+1)
			assertOneCellChanged(t, ol[i], sl[i], fmt.Sprintf("%s:%d", name, i+1))
		}
	}

	code, out, _ = runPlan("sync", dir)
	assert.Equal(t, 0, code)
	assert.Empty(t, out, "a second sync changes nothing")
	assert.Equal(t, synced, readTree(t, dir))
}

// lineSet is a set of 1-based line numbers.
type lineSet map[int]bool

// assertOneCellChanged checks that two versions of a table row differ in
// exactly one cell, and that it is the Status column's (the second here,
// as in every table of the real folder).
func assertOneCellChanged(t *testing.T, old, new, where string) {
	t.Helper()
	old, new = strings.TrimRight(old, "\r\n"), strings.TrimRight(new, "\r\n")
	diff := -1
	for col := 0; ; col++ {
		a, b, ok1 := parser.CellSpan([]byte(old), col)
		c, d, ok2 := parser.CellSpan([]byte(new), col)
		require.Equal(t, ok1, ok2, "%s: same number of cells", where)
		if !ok1 {
			break
		}
		if old[a:b] != new[c:d] {
			require.Equal(t, -1, diff, "%s: only one cell changed", where)
			diff = col
		}
	}
	assert.Equal(t, 1, diff, "%s: the Status cell changed", where)
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		files[path] = data
		return err
	}))
	return files
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	for _, e := range entries {
		assert.False(t, strings.HasSuffix(e.Name(), ".tmp"), "temporary file left: %s", e.Name())
	}
}
