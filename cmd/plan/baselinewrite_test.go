package main

import (
	"os"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWriteBaselineWritesLikeSync: --write-baseline replaces an existing
// file keeping its mode, writes through a symbolic link to the file it
// names (the link stays), creates the file a dangling link names, and
// leaves no temporary file.
func TestWriteBaselineWritesLikeSync(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix modes and symbolic links")
	}
	t.Chdir(t.TempDir())
	writeFile(t, "p/A-001.md", packetSource("A-001", "A")+"| B-001 | 🚧 |\n")
	check := func(name string) {
		t.Helper()
		code, _, errs := planIn(t, "check", "--write-baseline", name, "p")
		require.Equal(t, 0, code, errs)
	}

	require.NoError(t, os.WriteFile("mode.json", []byte("{}"), 0o600))
	check("mode.json")
	fi, err := os.Stat("mode.json")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm(), "the file keeps its mode")
	data, err := os.ReadFile("mode.json")
	require.NoError(t, err)
	assert.Contains(t, string(data), `"dangling-ref"`)

	require.NoError(t, os.Mkdir("ci", 0o755))
	require.NoError(t, os.WriteFile("ci/real.json", []byte("{}"), 0o640))
	require.NoError(t, os.Symlink("ci/real.json", "link.json"))
	check("link.json")
	li, err := os.Lstat("link.json")
	require.NoError(t, err)
	assert.True(t, li.Mode()&os.ModeSymlink != 0, "the link stays a link")
	data, err = os.ReadFile("ci/real.json")
	require.NoError(t, err)
	assert.Contains(t, string(data), `"dangling-ref"`, "the file the link names is written")
	fi, err = os.Stat("ci/real.json")
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm())

	require.NoError(t, os.Symlink("ci/new.json", "dangling.json"))
	check("dangling.json")
	li, err = os.Lstat("dangling.json")
	require.NoError(t, err)
	assert.True(t, li.Mode()&os.ModeSymlink != 0, "the link stays a link")
	data, err = os.ReadFile("ci/new.json")
	require.NoError(t, err)
	assert.Contains(t, string(data), `"dangling-ref"`)

	check("fresh.json")
	_, err = os.Stat("fresh.json")
	require.NoError(t, err)

	for _, dir := range []string{".", "ci"} {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			assert.NotRegexp(t, `^\.|\.tmp$`, e.Name(), "temporary file left in %s", dir)
		}
	}
}
