//go:build unix

package parser

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadFileKeepsAnsweringEAGAIN: a file whose reads keep answering
// EAGAIN (a misbehaving FUSE or network file system) does not spin a core
// forever: after a bounded number of waits the read fails with an error
// naming the file, and the other files are still read.
func TestReadFileKeepsAnsweringEAGAIN(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.md")
	require.NoError(t, os.WriteFile(path, []byte(packetSrc("AGN-001", "🚧 Not Started")), 0o644))

	// The stand-in answers EAGAIN far more often than any bound would
	// allow, then end of file: without a bound, readFile succeeds with
	// nothing read after spinning through every call.
	const answers = 100_000
	calls := 0
	sysRead = func(fd int, p []byte) (int, error) {
		calls++
		if calls <= answers {
			return 0, syscall.EAGAIN
		}
		return 0, nil
	}
	t.Cleanup(func() { sysRead = syscall.Read })

	_, _, err := readFile(path, 1<<20, nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, syscall.EAGAIN), "error %v", err)
	assert.Contains(t, err.Error(), path)
	assert.LessOrEqual(t, calls, maxAgain+1, "reads retried")
}
