package schedule

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := ParseDate(s)
	require.NoError(t, err)
	return d
}

func TestCalendarDays(t *testing.T) {
	// 2026-03-02 is a Monday; 2026-03-04 (Wednesday) is a holiday.
	c := NewCalendar(date(t, "2026-03-02"), []time.Time{date(t, "2026-03-04"), date(t, "2026-03-07")})
	want := []string{"2026-03-02", "2026-03-03", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10"}
	for i, w := range want {
		d, err := c.Day(i)
		require.NoError(t, err)
		assert.Equal(t, w, d.Format(DateLayout), "day %d", i)
		assert.Equal(t, i, c.Offset(d))
	}
	// A non-working date maps to the next working day's number.
	assert.Equal(t, 2, c.Offset(date(t, "2026-03-04")))
	assert.Equal(t, 4, c.Offset(date(t, "2026-03-08")))
	assert.Equal(t, -1, c.Offset(date(t, "2026-02-27")))

	// Starting on a Saturday: day 0 is the Monday.
	c = NewCalendar(date(t, "2026-03-07"), nil)
	assert.Equal(t, "2026-03-09", c.First().Format(DateLayout))
}

func TestCalendarFractions(t *testing.T) {
	c := NewCalendar(date(t, "2026-03-02"), nil) // Monday
	tests := []struct {
		x             float64
		start, finish string
	}{
		{0, "2026-03-02", "2026-03-02"},
		{0.5, "2026-03-02", "2026-03-02"},
		{1, "2026-03-03", "2026-03-02"}, // work done by the end of Monday
		{2.5, "2026-03-04", "2026-03-04"},
		{3, "2026-03-05", "2026-03-04"}, // a 3-day task from Monday ends Wednesday
		{3 - 1e-12, "2026-03-05", "2026-03-04"},
		{4.9999999999, "2026-03-09", "2026-03-06"},
		{5, "2026-03-09", "2026-03-06"},
	}
	for _, tc := range tests {
		s, err := c.StartDate(tc.x)
		require.NoError(t, err)
		f, err := c.FinishDate(tc.x)
		require.NoError(t, err)
		assert.Equal(t, tc.start, s.Format(DateLayout), "start %g", tc.x)
		assert.Equal(t, tc.finish, f.Format(DateLayout), "finish %g", tc.x)
	}
	for _, x := range []float64{-1, nan(), MaxWorkingDays + 1} {
		_, err := c.StartDate(x)
		assert.Error(t, err)
	}
	_, err := c.Day(MaxWorkingDays)
	assert.NoError(t, err)

	// Year 10000 is beyond every date: 9999-12-31 (a Friday) is the last.
	late := NewCalendar(date(t, "9999-12-27"), nil)
	d, err := late.Day(4)
	require.NoError(t, err)
	assert.Equal(t, "9999-12-31", d.Format(DateLayout))
	_, err = late.Day(5)
	assert.ErrorContains(t, err, "after 9999-12-31")
	_, err = late.FinishDate(6)
	assert.Error(t, err)
}

// TestCalendarMatchesWalk compares Day and Offset with a day-by-day walk
// over random holidays.
func TestCalendarMatchesWalk(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	start := date(t, "2025-12-20")
	var hs []time.Time
	for i := 0; i < 150; i++ {
		hs = append(hs, start.AddDate(0, 0, r.IntN(1500)-20))
	}
	c := NewCalendar(start, hs)
	hol := map[time.Time]bool{}
	for _, h := range hs {
		hol[h] = true
	}
	d := start
	for i := 0; i < 900; i++ {
		for weekend(d) || hol[d] {
			d = d.AddDate(0, 0, 1)
		}
		got, err := c.Day(i)
		require.NoError(t, err)
		require.Equal(t, d, got, "day %d", i)
		require.Equal(t, i, c.Offset(d))
		d = d.AddDate(0, 0, 1)
	}
}

func TestParseHolidays(t *testing.T) {
	in := "\ufeff# team holidays\r\n2026-12-25 Christmas\r\n\r\n  2026-12-24\n2027-01-01\t# new year\n"
	hs, err := ParseHolidays(strings.NewReader(in))
	require.NoError(t, err)
	var got []string
	for _, h := range hs {
		got = append(got, h.Format(DateLayout))
	}
	assert.Equal(t, []string{"2026-12-25", "2026-12-24", "2027-01-01"}, got)

	_, err = ParseHolidays(strings.NewReader("2026-12-25\n25/12/2026\n"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 2")
}
