package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fullWriter fails every write, as /dev/full or a full disk does.
type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// TestLostOutputIsAnError: a command whose standard output cannot be
// written exits 2 and says so, instead of exiting 0 (plan new, sync
// --check) or pointing at --help.
func TestLostOutputIsAnError(t *testing.T) {
	full := func() (io.Writer, func()) { return fullWriter{}, func() {} }
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		f.Close()
		full = func() (io.Writer, func()) {
			f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
			require.NoError(t, err)
			return f, func() { f.Close() }
		}
	}
	for _, args := range [][]string{
		{"new", "NEW-001", "A title", "new"},
		{"sync", "--check", "stale"},
		{"sync", "stale"},
		{"stale"},
		{"check", "--json", "stale"},
		{"order", "--format", "csv", "stale"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			dir, _, _, _ := syncFixture(t, 0)
			require.NoError(t, os.Rename(dir, "stale"))
			require.NoError(t, os.Mkdir("new", 0o755))
			w, done := full()
			defer done()
			var errs bytes.Buffer
			code := run(args, strings.NewReader(""), w, &errs)
			assert.Equal(t, exitUsage, code, errs.String())
			assert.Contains(t, errs.String(), "plan: error: standard output could not be written: ")
			assert.NotContains(t, errs.String(), "--help")
		})
	}
	// What new wrote is there; only its report was lost.
	t.Run("new writes the file", func(t *testing.T) {
		t.Chdir(t.TempDir())
		var errs bytes.Buffer
		code := run([]string{"new", "NEW-001", "A title", "."}, strings.NewReader(""), fullWriter{}, &errs)
		assert.Equal(t, exitUsage, code)
		_, err := os.Stat(filepath.Join(".", "NEW-001-a-title.md"))
		assert.NoError(t, err, errs.String())
	})
}
