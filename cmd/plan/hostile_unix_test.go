//go:build unix

package main

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnreadableInputs: a folder without read permission, a FIFO and a
// device named .md, a file that disappears between listing and reading (a
// symbolic link whose target is gone reads the same way), a symbolic link
// loop and a link to a folder outside the tree. Each unreadable one is
// named on standard error and the run exits 2 after printing the plan of
// everything else; nothing blocks; links to folders are not followed.
func TestUnreadableInputs(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	writeFile(t, "tree/OK-001.md", packetSource("OK-001", "Readable"))
	writeFile(t, "outside/OUT-001.md", packetSource("OUT-001", "Outside"))
	require.NoError(t, syscall.Mkfifo("tree/fifo.md", 0o644))
	require.NoError(t, os.Symlink("/dev/zero", "tree/zero.md"))
	require.NoError(t, os.Symlink("vanished.md", "tree/gone.md"))
	require.NoError(t, os.Symlink("..", "tree/loop"))
	require.NoError(t, os.Symlink(filepath.Join(root, "outside"), "tree/elsewhere"))
	locked := os.Geteuid() != 0 // root reads a folder whatever its mode
	if locked {
		writeFile(t, "tree/locked/LOCK-001.md", packetSource("LOCK-001", "Locked"))
		require.NoError(t, os.Chmod("tree/locked", 0))
		t.Cleanup(func() { _ = os.Chmod(filepath.Join(root, "tree/locked"), 0o755) })
	} else {
		t.Log("running as root: the unreadable-folder case is skipped (root bypasses permissions)")
	}

	for _, args := range [][]string{{"tree"}, {"check", "tree"}, {"--json", "tree"}} {
		code, out, errs := planIn(t, args...)
		assert.Equal(t, 2, code, "plan %q", args)
		assert.Contains(t, errs, "tree/fifo.md", "the FIFO is named")
		assert.Contains(t, errs, "tree/zero.md", "the device is named")
		assert.Contains(t, errs, "tree/gone.md", "the vanished file is named")
		if locked {
			assert.Contains(t, errs, "tree/locked", "the unreadable folder is named")
		}
		assert.NotContains(t, out+errs, "OUT-001", "a link to a folder outside is not followed")
		if args[0] == "tree" {
			assert.Contains(t, out, "1 packet: 0 complete, 0 in progress, 1 not started")
		}
	}
}
