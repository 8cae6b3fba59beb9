package schedule

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTeamLargerThanTasks: a team larger than the number of tasks gives
// the schedule and forecast of a team of exactly that many people (no one
// else could ever be busy); the largest sizes a flag accepts neither
// panic nor exhaust memory.
func TestTeamLargerThanTasks(t *testing.T) {
	n := reliable(t)
	tasks := len(n.Tasks)
	want, err := n.ListSchedule(tasks)
	require.NoError(t, err)
	wantEst, err := n.Simulate(SimOptions{Iterations: 2000, Team: tasks})
	require.NoError(t, err)
	for _, team := range []int{tasks + 1, 2147483647, math.MaxInt} {
		got, err := n.ListSchedule(team)
		require.NoError(t, err, "team %d", team)
		assert.Equal(t, want, got, "team %d", team)
		est, err := n.Simulate(SimOptions{Iterations: 2000, Team: team})
		require.NoError(t, err, "team %d", team)
		assert.Equal(t, wantEst, est, "team %d", team)
	}
}
