package schedule

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"
)

// DateLayout is the date format of `--start` and of holiday files.
const DateLayout = "2006-01-02"

// LastDate is the last date a Calendar gives: the last one DateLayout
// writes in four digits, so that a date never reads as year 10000.
var LastDate = time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)

// MaxWorkingDays bounds the working-day numbers a Calendar converts
// (about 3,800 years).
const MaxWorkingDays = 1_000_000

// Calendar converts between working days and dates. Working days are Monday
// to Friday, except holidays.
//
// Day 0 is the first working day on or after the start date, and working
// day i covers the interval [i, i+1) of schedule time. So a time x lies on
// working day floor(x); work from s to f (s < f) is done on working days
// floor(s) through ceil(f) - 1: a 3-day task starting at 0 on a Monday
// starts Monday and finishes Wednesday, and one from 2.5 to 4 runs from
// Wednesday to Thursday. Within 1e-9 days of a whole number, a time counts
// as that whole number (float noise never moves a date).
type Calendar struct {
	first    time.Time   // day 0
	holidays []time.Time // sorted, unique, weekdays after first
}

// civil returns the date of t (in t's location) as midnight UTC.
func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func weekend(d time.Time) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// NewCalendar returns the calendar starting on the date of start (its
// location's calendar date; the time of day is ignored) and skipping the
// given holidays, which may be in any order and may repeat.
func NewCalendar(start time.Time, holidays []time.Time) *Calendar {
	hs := make([]time.Time, 0, len(holidays))
	for _, h := range holidays {
		if h = civil(h); !weekend(h) {
			hs = append(hs, h)
		}
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].Before(hs[j]) })
	uniq := hs[:0]
	for i, h := range hs {
		if i == 0 || !h.Equal(hs[i-1]) {
			uniq = append(uniq, h)
		}
	}
	c := &Calendar{first: civil(start)}
	isHoliday := func(d time.Time) bool {
		k := sort.Search(len(uniq), func(i int) bool { return !uniq[i].Before(d) })
		return k < len(uniq) && uniq[k].Equal(d)
	}
	for weekend(c.first) || isHoliday(c.first) {
		c.first = c.first.AddDate(0, 0, 1)
	}
	k := sort.Search(len(uniq), func(i int) bool { return uniq[i].After(c.first) })
	c.holidays = uniq[k:]
	return c
}

// ParseDate reads a YYYY-MM-DD date.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("schedule: %q is not a date (want YYYY-MM-DD)", s)
	}
	return t, nil
}

// ParseHolidays reads a holiday list: one YYYY-MM-DD date per line. Blank
// lines and lines starting with # are ignored, as is anything after the
// date following a space or tab ("2026-12-25 Christmas"). The error names
// the line.
func ParseHolidays(r io.Reader) ([]time.Time, error) {
	var out []time.Time
	sc := bufio.NewScanner(r)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if i := strings.IndexAny(s, " \t"); i >= 0 {
			s = s[:i]
		}
		t, err := ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		out = append(out, t)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// First returns day 0: the first working day on or after the start date.
func (c *Calendar) First() time.Time { return c.first }

// addWeekdays returns the weekday k weekdays after weekday d (k >= 0).
func addWeekdays(d time.Time, k int) time.Time {
	wd := (int(d.Weekday()) + 6) % 7 // Monday = 0
	days := k / 5 * 7
	rem := k % 5
	days += rem
	if wd+rem >= 5 {
		days += 2
	}
	return d.AddDate(0, 0, days)
}

// Holidays returns the holidays after day 0, sorted, each once.
func (c *Calendar) Holidays() []time.Time { return append([]time.Time(nil), c.holidays...) }

// Day returns the date of working day i (0-based), or an error when it
// is outside 0..MaxWorkingDays or after LastDate.
func (c *Calendar) Day(i int) (time.Time, error) {
	if i < 0 || i > MaxWorkingDays {
		return time.Time{}, fmt.Errorf("schedule: working day %d is outside 0..%d", i, MaxWorkingDays)
	}
	d := addWeekdays(c.first, i)
	// Every holiday up to the current date pushes it one working day on;
	// the holidays are sorted, so one pass settles it.
	for _, h := range c.holidays {
		if h.After(d) {
			break
		}
		d = addWeekdays(d, 1)
	}
	if d.After(LastDate) {
		return time.Time{}, fmt.Errorf("schedule: working day %d falls after %s, the last date plan writes", i, LastDate.Format(DateLayout))
	}
	return d, nil
}

// snap rounds x to a whole number when within 1e-9 of it.
func snap(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) <= 1e-9 {
		return r
	}
	return x
}

func (c *Calendar) dayOf(x float64, f func(float64) float64) (time.Time, error) {
	if math.IsNaN(x) || x < 0 || x > MaxWorkingDays {
		return time.Time{}, fmt.Errorf("schedule: %g working days is outside 0..%d", x, MaxWorkingDays)
	}
	return c.Day(int(f(snap(x))))
}

// StartDate returns the date on which work starting at time x begins: the
// date of working day floor(x).
func (c *Calendar) StartDate(x float64) (time.Time, error) {
	return c.dayOf(x, math.Floor)
}

// FinishDate returns the date by whose end work finishing at time x is
// done: the date of working day ceil(x) - 1, or day 0 when x is 0. (A task
// of zero length at x > 0 therefore finishes the working day before it
// starts; callers may show its start date for both.)
func (c *Calendar) FinishDate(x float64) (time.Time, error) {
	return c.dayOf(x, func(x float64) float64 { return math.Max(0, math.Ceil(x)-1) })
}

// Offset returns the number of working days from day 0 up to date d: the
// number of the first working day on or after d, so Offset(Day(i)) == i.
// A date before day 0 gives minus the number of weekdays in [d, day 0)
// (holidays before day 0 are not subtracted).
func (c *Calendar) Offset(d time.Time) int {
	d = civil(d)
	if d.Before(c.first) {
		return -c.weekdays(d, c.first) // no holidays before first are kept
	}
	n := c.weekdays(c.first, d)
	lo := sort.Search(len(c.holidays), func(i int) bool { return !c.holidays[i].Before(d) })
	return n - lo
}

// weekdays counts the weekdays in [a, b), a <= b.
func (c *Calendar) weekdays(a, b time.Time) int {
	days := int((b.Unix() - a.Unix()) / 86400) // both are midnight UTC
	n := days / 7 * 5
	for d := a.AddDate(0, 0, days/7*7); d.Before(b); d = d.AddDate(0, 0, 1) {
		if !weekend(d) {
			n++
		}
	}
	return n
}
