package parser

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/parser")

const goldenDir = "../testdata/parser"

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "missing golden file; run go test ./parser -update")
	assert.Equal(t, string(want), got, "parsed output differs from %s; if the change is intended, run go test ./parser -update", golden)
}

// TestGoldenParse parses each testdata/parser/*.md in isolation and compares
// the result with its .golden file.
func TestGoldenParse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(goldenDir, "*.md"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			require.NoError(t, err)
			p, probs := Parse(filepath.Base(file), src)
			got := dump(p, probs)
			checkGolden(t, strings.TrimSuffix(file, ".md")+".golden", got)

			// Parsing is deterministic: the same bytes give the same dump.
			p2, probs2 := Parse(filepath.Base(file), src)
			assert.Equal(t, got, dump(p2, probs2))
		})
	}
}

// TestGoldenLoad loads the whole testdata/parser folder as one set, which
// adds what only Load does: links to packet files, dangling references,
// stale statuses and the list of skipped files.
func TestGoldenLoad(t *testing.T) {
	set, errs := Load([]string{goldenDir}, Options{})
	require.Empty(t, errs)
	var b strings.Builder
	b.WriteString("files:\n")
	for _, f := range set.Files {
		b.WriteString("  " + f + "\n")
	}
	b.WriteString("skipped:\n")
	for _, f := range set.Skipped {
		b.WriteString("  " + f + "\n")
	}
	for _, p := range set.Packets {
		b.WriteString(dump(p, nil))
	}
	b.WriteString("problems:\n")
	b.WriteString(dump(nil, set.Problems)[len("not a packet\n"):])
	checkGolden(t, filepath.Join(goldenDir, "set.golden"), b.String())
}
