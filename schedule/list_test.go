package schedule

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestListScheduleReliableTeamOfTwo: issue 3 states that with a team of 2
// the Reliable Construction project (Hillier & Lieberman) list schedule
// with the (priority, latest finish, ID) rule finishes at 48 weeks, the
// optimum (a highest-level-first rule would give 51).
func TestListScheduleReliableTeamOfTwo(t *testing.T) {
	s, err := reliable(t).ListSchedule(2)
	require.NoError(t, err)
	assert.InDelta(t, 48, s.Makespan, 1e-9)
	// Lower bound: max(44, total work 79 / 2 = 39.5).
	assert.InDelta(t, 44, s.LowerBound, 1e-9)
}

// TestListScheduleGraham is Graham's timing-anomaly example (R. L. Graham,
// "Bounds on multiprocessing timing anomalies", SIAM J. Appl. Math. 17(2),
// 1969, Figure 1): T1..T9 with times 3,2,2,2,4,4,4,4,9; T1 before T9; T4
// before T5..T8; three processors and list order T1..T9 give makespan 12.
// Rank imposes the list order.
func TestListScheduleGraham(t *testing.T) {
	times := []float64{3, 2, 2, 2, 4, 4, 4, 4, 9}
	var specs []spec
	for i, d := range times {
		s := spec{id: "T" + string(rune('1'+i)), low: d, likely: -1, hi: d, rank: i}
		switch {
		case i == 8:
			s.preds = []string{"T1"}
		case i >= 4 && i <= 7:
			s.preds = []string{"T4"}
		}
		specs = append(specs, s)
	}
	s, err := build(t, specs).ListSchedule(3)
	require.NoError(t, err)
	assert.InDelta(t, 12, s.Makespan, 1e-12)
	// Graham's Gantt chart: P1 runs T1 then T9 (0-3, 3-12); P2 T2 then
	// T4 (0-2, 2-4) then T5, T7; P3 T3 (0-2) then T6, T8.
	got := map[string]Assignment{}
	for _, a := range s.Assignments {
		got[a.ID] = a
	}
	assert.Equal(t, Assignment{ID: "T9", Person: 1, Start: 3, Finish: 12}, got["T9"])
	assert.Equal(t, 2.0, got["T4"].Start)
	assert.Equal(t, 12.0, got["T8"].Finish)
	assert.InDelta(t, 12, s.LowerBound, 1e-12) // critical path T1-T9 = 12
}

func TestListScheduleInProgressFirst(t *testing.T) {
	n := build(t, []spec{
		{id: "A", low: 2, likely: -1, hi: 2, rank: 0},
		{id: "B", low: 5, likely: -1, hi: 5, rank: 3, inProgress: true},
		{id: "C", low: 1, likely: -1, hi: 1, rank: 0, preds: []string{"A"}, inProgress: true},
	})
	s, err := n.ListSchedule(2)
	require.NoError(t, err)
	// Both in-progress tasks start at day 0 (C although A is unfinished),
	// C (rank 0) before B (rank 3); A (rank 0, not in progress) waits for
	// a free person.
	assert.Equal(t, []Assignment{
		{ID: "C", Person: 1, Start: 0, Finish: 1},
		{ID: "B", Person: 2, Start: 0, Finish: 5},
		{ID: "A", Person: 1, Start: 1, Finish: 3},
	}, s.Assignments)
	assert.Equal(t, 5.0, s.Makespan)
}

func TestAssignSprints(t *testing.T) {
	s, err := reliable(t).ListSchedule(2)
	require.NoError(t, err)
	require.NoError(t, s.AssignSprints(10))
	require.Len(t, s.Sprints, 5) // last start (N) is in [40, 50)
	total := 0.0
	for _, sp := range s.Sprints {
		assert.Equal(t, 20.0, sp.Capacity)
		total += sp.Effort
	}
	assert.InDelta(t, 79, total, 1e-9)                         // every task's work counted once
	assert.Equal(t, []string{"A", "B", "C"}, s.Sprints[0].IDs) // starts 0, 2, 6
	for _, a := range s.Assignments {
		assert.Equal(t, int(a.Start/10)+1, a.Sprint, a.ID)
	}
	assert.Error(t, s.AssignSprints(0))
	assert.Error(t, s.AssignSprints(-1))

	_, err = reliable(t).ListSchedule(0)
	assert.Error(t, err)
}
