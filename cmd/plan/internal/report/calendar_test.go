package report

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// TestCoversLastDate checks where the dates stop: work may finish on
// 9999-12-30 (a Thursday), whose next day the Mermaid chart's exclusive
// end still writes, but not later; estimate is refused for its
// percentiles only, the HTML report for its charts' slowest run too.
func TestCoversLastDate(t *testing.T) {
	cal := NewCalendar(schedule.NewCalendar(time.Date(9999, 12, 27, 0, 0, 0, 0, time.UTC), nil)) // a Monday
	require.NoError(t, cal.Covers(4), "finishes Thursday 9999-12-30")
	err := cal.Covers(4.5)
	var de *DateRangeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, "--start 9999-12-27: the forecast runs past 9999-12-31, the last date plan writes", err.Error())
	assert.Contains(t, de.Hint(), "earlier --start")

	est := &schedule.Estimate{Percentiles: []schedule.Percentile{{P: 50, Days: 3}}, Finishes: []float64{2, 3, 9}}
	assert.NoError(t, cal.CoversEstimate(est), "only the percentiles are dated")
	a, err := Analyze(&parser.Set{})
	require.NoError(t, err)
	assert.Error(t, cal.CoversReport(a, est, nil), "the page's charts reach the slowest run")
}
