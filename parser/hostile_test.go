package parser

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// manyIDsCell is a dependency cell naming n distinct IDs that are no
// packet's, as a generated or pasted file might.
func manyIDsCell(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "GHO-%05d", i)
	}
	return b.String()
}

// TestManyDanglingRefsInOneRow: a row naming thousands of IDs that match
// no packet gives a few dangling-ref warnings and one that counts the
// rest, each quoting at most a short excerpt of the cell, instead of one
// warning per ID quoting the whole cell (a 90 KB file printed 790 MB).
func TestManyDanglingRefsInOneRow(t *testing.T) {
	dir := t.TempDir()
	cell := manyIDsCell(5000)
	writeFiles(t, dir, map[string]string{"a.md": packetSrc("HOS-001", "🚧 Not Started", cell)})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	var dangling []Problem
	size := 0
	for _, p := range set.Problems {
		size += len(p.Message)
		if p.Code == CodeDanglingRef {
			dangling = append(dangling, p)
		}
	}
	require.NotEmpty(t, dangling)
	assert.LessOrEqual(t, len(dangling), maxRepeats+1, "dangling-ref warnings for one row")
	counted := false
	for _, p := range dangling {
		counted = counted || strings.Contains(p.Message, fmt.Sprintf("%d more IDs", 5000-maxRepeats))
	}
	assert.True(t, counted, "one warning counts the ones left out: %v", dangling)
	for _, p := range dangling {
		assert.LessOrEqual(t, len(p.Message), 300, "message quotes at most an excerpt: %.200s", p.Message)
		assert.Equal(t, filepath.Join(dir, "a.md"), p.File)
	}
	assert.Less(t, size, 5000, "all messages together")
}

// BenchmarkFindIDs reads one cell of n IDs: the time per op must grow
// linearly with n (it grew with n² when each ID was looked for among the
// ones already found).
func BenchmarkFindIDs(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000, 80_000} {
		cell := manyIDsCell(n)
		b.Run(fmt.Sprintf("ids=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(cell)))
			for b.Loop() {
				if got := len(findIDs(cell)); got != n {
					b.Fatalf("found %d IDs, want %d", got, n)
				}
			}
		})
	}
}
