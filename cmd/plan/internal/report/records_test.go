package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestFormatsReadOneRecord checks that text, markdown, CSV and JSON show
// the same packet the same way: a half-done packet of 2-8 days (likely 3)
// has 1-4 days left (likely 1.5, expected 11/6: 1.833 in JSON, 1.8 in CSV) and is 50% done in each,
// and its priority is the P1 it inherits from the packet that waits on it.
func TestFormatsReadOneRecord(t *testing.T) {
	progress := 50
	set := &parser.Set{Packets: []*parser.Packet{
		{ID: "A-1", Title: "Schema", File: "a.md", Line: 1, Priority: 3, Status: parser.InProgress, Progress: &progress,
			Effort: &parser.Effort{Low: 2, High: 8, Likely: 3, HasLikely: true}},
		{ID: "B-1", Title: "Shell", File: "b.md", Line: 1, Priority: 1, Effort: &parser.Effort{Low: 1, High: 1},
			Requires: []parser.Ref{{ID: "A-1", Line: 9}}},
	}}
	set.Files = []string{"a.md", "b.md"}
	a, err := Analyze(set)
	require.NoError(t, err)

	p := a.Packet("A-1")
	assert.Equal(t, "1-4d (likely 1.5)", p.RemainingText())
	assert.Equal(t, "50% done", p.StatusText())
	assert.Equal(t, "P1", p.PriorityText())

	var text, md, csv, js bytes.Buffer
	require.NoError(t, WriteReady(&text, a))
	require.NoError(t, WriteReportMarkdown(&md, a))
	require.NoError(t, WriteOrderCSV(&csv, a, a.Order(false)))
	require.NoError(t, WriteReportJSON(&js, a))
	assert.Regexp(t, `A-1\s+P1\s+Schema\s+1-4d \(likely 1\.5\)\s+50% done`, text.String())
	assert.Contains(t, md.String(), "| A-1 | P1 | Schema | 1-4d (likely 1.5) | 50% done |")
	assert.Contains(t, csv.String(), "1,A-1,Schema,P1,in_progress,0,1,4,1.8\n", "CSV keeps one decimal, as text does")
	assert.Contains(t, js.String(), `"remaining": {
        "low": 1,
        "high": 4,
        "expected": 1.833
      }`)
	assert.True(t, strings.Contains(js.String(), `"effective_priority": "P1"`))
}
