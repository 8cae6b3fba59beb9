package report

import (
	"bytes"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestNoNegativeZero: a chain of 0.1, 0.1 and 0.7 days gave the first
// packet a latest start of -5.6e-17 (the backward pass subtracts in
// another order than the forward pass adds): JSON once wrote
// "latest_start": -0 and the text table "-0". schedule now gives it 0
// exactly, and the formats' rounding still turns such noise into 0.
func TestNoNegativeZero(t *testing.T) {
	assert.False(t, math.Signbit(round(-5.551115123125783e-17)), "JSON's rounding of noise below zero is 0, not -0")

	req := func(id string) []parser.Ref { return []parser.Ref{{ID: id, Line: 9}} }
	set := &parser.Set{Packets: []*parser.Packet{
		{ID: "A-001", Title: "A", File: "a.md", Line: 1, Effort: &parser.Effort{Low: 0.1, High: 0.1}},
		{ID: "B-002", Title: "B", File: "b.md", Line: 1, Effort: &parser.Effort{Low: 0.1, High: 0.1}, Requires: req("A-001")},
		{ID: "C-003", Title: "C", File: "c.md", Line: 1, Effort: &parser.Effort{Low: 0.7, High: 0.7}, Requires: req("B-002")},
	}, Files: []string{"a.md", "b.md", "c.md"}}
	a, err := Analyze(set)
	require.NoError(t, err)
	assert.Equal(t, 0.0, a.Timing("A-001").LatestStart)
	assert.False(t, math.Signbit(a.Timing("A-001").LatestStart), "A-001's latest start is 0, not -0 or noise below it")

	writers := map[string]func(*bytes.Buffer) error{
		"plan --json":           func(b *bytes.Buffer) error { return WriteReportJSON(b, a) },
		"critical --json":       func(b *bytes.Buffer) error { return WriteCriticalJSON(b, a) },
		"critical":              func(b *bytes.Buffer) error { return WriteCritical(b, a) },
		"critical --format md":  func(b *bytes.Buffer) error { return WriteCriticalMarkdown(b, a) },
		"critical --format csv": func(b *bytes.Buffer) error { return WriteCriticalCSV(b, a) },
	}
	for name, write := range writers {
		var b bytes.Buffer
		require.NoError(t, write(&b), name)
		assert.NotRegexp(t, `(^|[^\w.])-0([^.\d]|$)`, b.String(), "%s prints a negative zero", name)
	}
	var js bytes.Buffer
	require.NoError(t, WriteReportJSON(&js, a))
	assert.Contains(t, js.String(), `"latest_start": 0,`)
}
