package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
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

// TestScheduleFormatsReadOneRecord checks that text, CSV and JSON date a
// schedule's assignments the same way, from the one Schedule record: a
// packet of no length finishes the day it starts, in each.
func TestScheduleFormatsReadOneRecord(t *testing.T) {
	set := &parser.Set{Packets: []*parser.Packet{
		{ID: "A-1", Title: "Schema", File: "a.md", Line: 1, Effort: &parser.Effort{Low: 2, High: 2}},
		{ID: "B-1", Title: "Gate", File: "b.md", Line: 1, Effort: &parser.Effort{}, Requires: []parser.Ref{{ID: "A-1", Line: 9}}},
	}}
	a, err := Analyze(set)
	require.NoError(t, err)
	s, err := schedule.NetworkFromGraph(a.Graph).ListSchedule(1)
	require.NoError(t, err)
	cal := NewCalendar(schedule.NewCalendar(time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), nil))

	rec := ScheduleRecord(a, s, cal)
	require.Len(t, rec.Assignments, 2)
	assert.Equal(t, "Gate", rec.Assignments[1].Title)
	assert.Equal(t, []string{"2026-12-08", "2026-12-08"}, []string{rec.Assignments[1].StartDate, rec.Assignments[1].FinishDate})
	assert.Equal(t, "2026-12-07", rec.Finish)

	var text, csv, js bytes.Buffer
	require.NoError(t, WriteSchedule(&text, a, s, cal, 0))
	require.NoError(t, WriteScheduleCSV(&csv, a, s, cal))
	require.NoError(t, WriteScheduleJSON(&js, s, cal))
	assert.Regexp(t, `B-1\s+1\s+2\s+2\s+2026-12-08\s+2026-12-08`, text.String())
	assert.Contains(t, csv.String(), "B-1,Gate,1,2,2,,2026-12-08,2026-12-08\n")
	assert.Regexp(t, `"id": "B-1",[^}]*"start_date": "2026-12-08",\s+"finish_date": "2026-12-08"`, js.String())
}

// TestEstimateRecord checks the percentiles' names and dates that text,
// JSON and the HTML page all read.
func TestEstimateRecord(t *testing.T) {
	est := &schedule.Estimate{Percentiles: []schedule.Percentile{{P: 50, Days: 2}, {P: 92.5, Days: 3.5}}}
	cal := NewCalendar(schedule.NewCalendar(time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), nil))
	rec := EstimateRecord(est, cal)
	assert.Equal(t, []string{"P50", "P92.5"}, []string{rec.Percentiles[0].Label, rec.Percentiles[1].Label})
	assert.Equal(t, []string{"p50", "p92.5"}, []string{rec.Percentiles[0].Key, rec.Percentiles[1].Key})
	assert.Equal(t, []string{"2026-12-07", "2026-12-09"}, []string{rec.Percentiles[0].Date, rec.Percentiles[1].Date})
	assert.Empty(t, EstimateRecord(est, nil).Percentiles[0].Date, "no calendar, no date")
}

// TestProblemRecord checks that plan check's JSON and plan explain's
// write a problem from the one Problem record: explain keeps only the
// line of what it says, and neither writes null for no problems.
func TestProblemRecord(t *testing.T) {
	ps := []parser.Problem{{Severity: parser.Warning, Code: "dangling", Message: "X-1 requires X-9, which no file has", File: "a.md", Line: 7, Packet: "X-1", Ref: "X-9"}}
	var check bytes.Buffer
	require.NoError(t, WriteCheckJSON(&check, 1, ps, nil))
	assert.Contains(t, check.String(), `"severity": "warning",
      "code": "dangling",
      "message": "X-1 requires X-9, which no file has",
      "file": "a.md",
      "line": 7,
      "packet": "X-1",
      "ref": "X-9"`)
	flat, err := json.Marshal(problemJSONFlat{Line: 7, ProblemText: ProblemRecords(ps)[0].ProblemText})
	require.NoError(t, err)
	assert.Equal(t, `{"line":7,"severity":"warning","code":"dangling","message":"X-1 requires X-9, which no file has"}`, string(flat))
	var none bytes.Buffer
	require.NoError(t, WriteCheckJSON(&none, 0, nil, nil))
	assert.Contains(t, none.String(), `"problems": []`)
}
