package fileio

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTempName(t *testing.T) {
	assert.Equal(t, ".a.md.plan-0000002a.tmp", tempName("a.md", 255, 42))
	long := strings.Repeat("é", 124) + ".md" // 251 bytes
	name := tempName(long, 255, 42)
	assert.LessOrEqual(t, len(name), 255)
	assert.True(t, strings.HasSuffix(name, "é.plan-0000002a.tmp"), "cut at a character boundary: %q", name)
	assert.Equal(t, ".plan-0000002a.tmp", tempName("x.md", 10, 42)[1:], "a limit below the suffix leaves the suffix")
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range list {
		names = append(names, e.Name())
	}
	return names
}

func readString(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(data)
}

func TestCreateNeverReplaces(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "X-001.md")
	require.NoError(t, Create(name, []byte("first\n")))
	err := Create(name, []byte("second\n"))
	assert.True(t, errors.Is(err, fs.ErrExist), "%v", err)
	assert.Equal(t, "first\n", readString(t, name))
	assert.Equal(t, []string{"X-001.md"}, entries(t, dir), "no temporary file is left")
}

// TestReplaceLongName: a file whose name is as long as the file system
// takes (250 bytes here; ext4 takes 255) is replaced: the temporary name is
// cut to fit, where "." + name + a suffix would not.
func TestReplaceLongName(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, strings.Repeat("n", 247)+".md")
	if err := os.WriteFile(name, []byte("old\n"), 0o644); err != nil {
		t.Skipf("this file system does not take a 250-byte name: %v", err)
	}
	st, err := ReadForUpdate(name, 1<<20)
	require.NoError(t, err)
	require.NoError(t, Replace(st, []byte("new\n")))
	assert.Equal(t, "new\n", readString(t, name))
	assert.Len(t, entries(t, dir), 1, "no temporary file is left")
}

// TestReplaceKeepsMode: the new file has the old one's permissions, a
// read-only one included (whether to replace it is the caller's choice).
func TestReplaceKeepsMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	for _, perm := range []fs.FileMode{0o600, 0o640, 0o755, 0o444} {
		dir := t.TempDir()
		name := filepath.Join(dir, "p.md")
		require.NoError(t, os.WriteFile(name, []byte("old\n"), 0o600))
		require.NoError(t, os.Chmod(name, perm))
		st, err := ReadForUpdate(name, 1<<20)
		require.NoError(t, err)
		assert.Equal(t, perm, st.Mode.Perm())
		require.NoError(t, Replace(st, []byte("new\n")))
		fi, err := os.Stat(name)
		require.NoError(t, err)
		assert.Equal(t, perm, fi.Mode().Perm(), "%04o", perm)
		assert.Equal(t, "new\n", readString(t, name))
	}
}

// TestReplaceLeavesAChangedFile: a file edited after it was read, even to
// the same size and modification time, is left as edited, and no
// temporary file stays.
func TestReplaceLeavesAChangedFile(t *testing.T) {
	for _, keepTimes := range []bool{false, true} {
		dir := t.TempDir()
		name := filepath.Join(dir, "p.md")
		require.NoError(t, os.WriteFile(name, []byte("Priority: P1\n"), 0o644))
		st, err := ReadForUpdate(name, 1<<20)
		require.NoError(t, err)
		AfterWrite = func(original, temp string) error {
			assert.Equal(t, "new\n", readString(t, temp), "the temporary file is complete before the check")
			fi, err := os.Stat(original)
			require.NoError(t, err)
			require.NoError(t, os.WriteFile(original, []byte("Priority: P2\n"), 0o644))
			if keepTimes {
				require.NoError(t, os.Chtimes(original, fi.ModTime(), fi.ModTime()))
			}
			return nil
		}
		err = Replace(st, []byte("new\n"))
		AfterWrite = nil
		assert.ErrorIs(t, err, ErrChangedOnDisk)
		assert.Equal(t, "Priority: P2\n", readString(t, name))
		assert.Equal(t, []string{"p.md"}, entries(t, dir))
	}
}

// TestReplaceFailureKeepsOriginal: a failure once the temporary file is
// written (a full disk, a kill) leaves the original and no temporary file.
func TestReplaceFailureKeepsOriginal(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "p.md")
	require.NoError(t, os.WriteFile(name, []byte("old\n"), 0o644))
	st, err := ReadForUpdate(name, 1<<20)
	require.NoError(t, err)
	AfterWrite = func(string, string) error { return errors.New("disk on fire") }
	defer func() { AfterWrite = nil }()
	assert.EqualError(t, Replace(st, []byte("new\n")), "disk on fire")
	assert.Equal(t, "old\n", readString(t, name))
	assert.Equal(t, []string{"p.md"}, entries(t, dir))
}

func TestReadForUpdateRefuses(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	require.NoError(t, os.WriteFile(big, []byte("0123456789"), 0o644))
	_, err := ReadForUpdate(big, 9)
	assert.EqualError(t, err, "read "+big+": larger than the 9-byte limit")
	_, err = ReadForUpdate(dir, 1<<20)
	assert.EqualError(t, err, "read "+dir+": not a regular file")
	_, err = ReadForUpdate(filepath.Join(dir, "none.md"), 1<<20)
	assert.ErrorIs(t, err, fs.ErrNotExist)
}

// TestWriteThroughLinks: Write keeps a symbolic link a link, whether the
// file it names exists or not, and replaces or creates that file.
func TestWriteThroughLinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	link := filepath.Join(dir, "link.json")
	require.NoError(t, os.Symlink("real.json", link))

	require.NoError(t, Write(link, []byte("one\n")), "a link to a file not there yet")
	assert.Equal(t, "one\n", readString(t, real))
	require.NoError(t, Write(link, []byte("two\n")), "a link to a file")
	assert.Equal(t, "two\n", readString(t, real))
	li, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, li.Mode()&fs.ModeSymlink, "the link stays a link")

	plain := filepath.Join(dir, "plain.json")
	require.NoError(t, Write(plain, []byte("new\n")))
	require.NoError(t, os.Chmod(plain, 0o640))
	require.NoError(t, Write(plain, []byte("again\n")))
	assert.Equal(t, "again\n", readString(t, plain))
	fi, err := os.Stat(plain)
	require.NoError(t, err)
	assert.Equal(t, fs.FileMode(0o640), fi.Mode().Perm(), "an existing file keeps its mode")
	assert.ElementsMatch(t, []string{"real.json", "link.json", "plain.json"}, entries(t, dir), "no temporary file is left")
}

func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "h.txt")
	require.NoError(t, os.WriteFile(name, []byte("2026-12-24\n"), 0o644))
	data, err := ReadLimited(name, 11)
	require.NoError(t, err)
	assert.Equal(t, "2026-12-24\n", string(data))
	_, err = ReadLimited(name, 10)
	assert.EqualError(t, err, name+": larger than 10 bytes")
	_, err = ReadLimited(dir, 10)
	assert.EqualError(t, err, dir+": not a regular file")

	head, err := ReadHead(name, 4)
	require.NoError(t, err)
	assert.Equal(t, "2026", string(head))
	head, err = ReadHead(name, 64)
	require.NoError(t, err)
	assert.Equal(t, "2026-12-24\n", string(head), "a short file is read whole")
	_, err = ReadHead(dir, 4)
	assert.Error(t, err)
}

// TestNameMax: the limit asked of the file system is a sane one.
func TestNameMax(t *testing.T) {
	n := nameMax(t.TempDir())
	assert.GreaterOrEqual(t, n, 14)
	assert.LessOrEqual(t, n, 4096)
}
