//go:build unix

package parser

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadFIFO: a FIFO named .md, found in a directory or named on the
// command line, is never opened in a way that blocks; it is an error naming
// it and the other files are still read.
func TestLoadFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": packetSrc("FIF-001", "🚧 Not Started")})
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, args := range [][]string{{dir}, {fifo, dir}} {
		done := make(chan struct{})
		var set *Set
		var errs []error
		go func() {
			set, errs = Load(args, Options{})
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Load blocked on a FIFO")
		}
		require.Len(t, errs, 1)
		assert.Contains(t, errs[0].Error(), fifo)
		assert.Contains(t, errs[0].Error(), "named pipe")
		assert.Equal(t, []string{"FIF-001"}, ids(set))
	}
}
