package corpus

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// TestGeneratedCorpusFastEqualsWhole writes small corpora (with and without
// cycles) and loads each with the fast reader and whole: the Sets must be
// the same, and the fast reader must not fall back on generated packets.
func TestGeneratedCorpusFastEqualsWhole(t *testing.T) {
	for _, opts := range []Options{
		{Packets: 300, Seed: 1},
		{Packets: 200, Seed: 2, Cycles: 4},
		{Packets: 100, Seed: 3, Cycles: 2, Layers: 3, Size: 4000},
	} {
		dir := t.TempDir()
		c, err := Write(dir, opts)
		require.NoError(t, err)
		fast, errs := parser.Load([]string{dir}, parser.Options{})
		require.Empty(t, errs)
		whole, errs := parser.Load([]string{dir}, parser.Options{Whole: true})
		require.Empty(t, errs)

		require.Len(t, fast.Packets, opts.Packets)
		assert.Len(t, fast.Skipped, len(c.Extra), "the READMEs are not packets")
		assert.Equal(t, 0, fast.ReadWhole, "documents the fast reader was not sure of")
		assert.Equal(t, len(whole.Files), whole.ReadWhole)
		fast.ReadWhole, whole.ReadWhole = 0, 0
		assert.Equal(t, setJSON(t, whole), setJSON(t, fast))

		// The graph has the rows and cycles the generator made.
		edges := 0
		for _, p := range fast.Packets {
			edges += len(p.Requires)
		}
		assert.Equal(t, c.Edges, edges)
		cycles := 0
		for _, pr := range graph.New(fast.Packets).Problems() {
			if pr.Code == parser.CodeCycle {
				cycles++
			}
		}
		if opts.Cycles == 0 {
			assert.Zero(t, cycles)
		} else {
			assert.Positive(t, cycles)
		}
	}
}

func setJSON(t *testing.T, set *parser.Set) string {
	t.Helper()
	b, err := json.Marshal(set)
	require.NoError(t, err)
	return string(b)
}

// TestDeterministic: the same options give the same bytes, and documents
// have the size and shape asked for.
func TestDeterministic(t *testing.T) {
	opts := Options{Packets: 50, Seed: 7, Cycles: 1}
	a, b := New(opts), New(opts)
	require.Equal(t, a, b)
	var total int
	for i := range a.Packets {
		var x, y bytes.Buffer
		a.Render(&x, i)
		b.Render(&y, i)
		require.Equal(t, x.String(), y.String())
		total += x.Len()
		deps := bytes.Index(x.Bytes(), []byte("\n## Dependencies\n\n### Required"))
		require.Positive(t, deps)
		assert.Greater(t, deps, x.Len()*3/4, "the Dependencies section is near the end")
	}
	avg := total / len(a.Packets)
	assert.InDelta(t, 15000, avg, 2000)

	dir := t.TempDir()
	_, err := Write(dir, opts)
	require.NoError(t, err)
	p := a.Packets[3]
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.File)))
	require.NoError(t, err)
	var x bytes.Buffer
	a.Render(&x, 3)
	assert.Equal(t, x.String(), string(src))
}
