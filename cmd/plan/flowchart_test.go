package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFlowchartLimits checks that `plan --format mermaid` says on standard
// error when the chart goes past Mermaid's limits, which would make
// Mermaid show an error instead of the chart: 250 generated packets, 200
// of them each requiring three of the first 50 (no row implied by
// another, so the picture keeps them all), make more than 500 links; 150 packets
// with 400-character titles make a chart longer than 50,000 characters.
// The chart is still printed, the exit code stays 0, -q silences the
// warning, and the example folder, far below both, gets none.
func TestFlowchartLimits(t *testing.T) {
	write := func(t *testing.T, n int, source func(i int) string) string {
		dir := t.TempDir()
		for i := range n {
			require.NoError(t, os.WriteFile(filepath.Join(dir, genID(i)+".md"), []byte(source(i)), 0o644))
		}
		return dir
	}
	links := write(t, 250, func(i int) string {
		if i < 50 {
			return genSource(i)
		}
		return genSource(i, i%50, (i+17)%50, (i+33)%50)
	})
	long := write(t, 150, func(i int) string {
		return fmt.Sprintf("# %s: %s\n\n**Status**: 🚧 Not Started\n", genID(i), strings.Repeat("word ", 80))
	})
	arrow := regexp.MustCompile(`(?m)^    [nxl]\d+ (-->|-\.->|==>)`) // packets, externals, the legend

	t.Run("more than 500 links", func(t *testing.T) {
		code, out, errOut := runPlan("--format", "mermaid", links)
		assert.Equal(t, 0, code, errOut)
		n := len(arrow.FindAllString(out, -1))
		require.Greater(t, n, 500)
		assert.Equal(t, fmt.Sprintf("plan: warning: the Mermaid chart has %d links, more than the 500 Mermaid draws (its maxEdges setting): Mermaid shows an error instead\n", n)+
			"plan: hint: draw a part of the plan (plan --format mermaid FOLDER), raise the limit in Mermaid's configuration, or draw it with --dot\n", errOut)
		qcode, qout, qerr := runPlan("-q", "--format", "mermaid", links)
		assert.Equal(t, 0, qcode)
		assert.Equal(t, out, qout, "the warning changes nothing in the chart")
		assert.Empty(t, qerr)
	})
	t.Run("longer than 50000 characters", func(t *testing.T) {
		code, out, errOut := runPlan("--format", "mermaid", long)
		assert.Equal(t, 0, code, errOut)
		require.Greater(t, len(out), 50000)
		assert.Contains(t, errOut, fmt.Sprintf("plan: warning: the Mermaid chart is %d characters long, more than the 50000 Mermaid reads (its maxTextSize setting)", len([]rune(out))))
		assert.NotContains(t, errOut, "links")
	})
	t.Run("the example is far below both", func(t *testing.T) {
		code, _, errOut := runPlan("--format", "mermaid", filepath.Join("..", "..", "testdata", "example"))
		assert.Equal(t, 0, code)
		assert.Empty(t, errOut)
	})
}
