package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/dialects")

// TestDialectsGolden runs `plan --json` on each folder of testdata/dialects
// (each written the way one kind of team writes its packets) from that
// folder's parent, so that paths print as a user there sees them, and
// compares the output with <folder>.golden.json. Run
// go test ./cmd/plan -run TestDialectsGolden -update to rewrite
// them, then read the diff against the files.
func TestDialectsGolden(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "dialects"))
	require.NoError(t, err)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var folders []string
	for _, e := range entries {
		if e.IsDir() {
			folders = append(folders, e.Name())
		}
	}
	require.NotEmpty(t, folders)
	t.Chdir(dir)
	for _, name := range folders {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"--json", name}, nil, &stdout, &stderr)
			require.Equal(t, 0, code, "plan --json %s: %s", name, stderr.String())
			golden := name + ".golden.json"
			if *update {
				require.NoError(t, os.WriteFile(golden, stdout.Bytes(), 0o644))
				return
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err, "missing golden file; run go test ./cmd/plan -run TestDialectsGolden -update")
			assert.Equal(t, string(want), stdout.String(), "plan --json %s differs from %s; if the change is intended, rerun with -update and read the diff", name, golden)
		})
	}
}
