package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/workpackets/plan/parser"

	"github.com/workpackets/plan/schedule"
)

// Calendar prints working-day times as dates.
type Calendar struct {
	cal *schedule.Calendar
	// today says day 0 is today because no start date was given: the
	// Mermaid chart's title says so.
	today bool
}

// NewCalendar prints the working days of cal as dates.
func NewCalendar(cal *schedule.Calendar) *Calendar { return &Calendar{cal: cal} }

// NewTodayCalendar is NewCalendar for a calendar that starts today
// because no start date was given.
func NewTodayCalendar(cal *schedule.Calendar) *Calendar { return &Calendar{cal: cal, today: true} }

// StartDate is the date on which work starting at day x begins.
func (c *Calendar) StartDate(x float64) string { return dateText(c.cal.StartDate(x)) }

// FinishDate is the date by whose end work finishing at day x is done.
func (c *Calendar) FinishDate(x float64) string { return dateText(c.cal.FinishDate(x)) }

// Dates are the start and finish dates of work from day s to day f. A
// task of zero length finishes on the day it starts, never the working
// day before (FinishDate alone gives that day for a whole number f > 0).
func (c *Calendar) Dates(s, f float64) (start, finish string) {
	st, err := c.cal.StartDate(s)
	if err != nil {
		return dateText(st, err), c.FinishDate(f)
	}
	fin, err := c.cal.FinishDate(f)
	if err == nil && fin.Before(st) {
		fin = st
	}
	return dateText(st, nil), dateText(fin, err)
}

func dateText(t time.Time, err error) string {
	if err != nil {
		return "beyond the calendar"
	}
	return t.Format(schedule.DateLayout)
}

// DateRangeError says that a forecast runs past schedule.LastDate, the
// last date plan writes, from the start date day 0 falls on.
type DateRangeError struct {
	// Start is day 0's date.
	Start string
}

func (e *DateRangeError) Error() string {
	return fmt.Sprintf("--start %s: the forecast runs past %s, the last date plan writes", e.Start, schedule.LastDate.Format(schedule.DateLayout))
}

// Hint says what to do instead.
func (e *DateRangeError) Hint() string {
	return "choose an earlier --start (or plan.yaml's start:), or leave it out to count in working days"
}

// Covers returns a *DateRangeError when work finishing at any of days
// cannot be dated: its finish, or the day after it that the Mermaid
// chart's exclusive end needs, is past schedule.LastDate. A forecast is
// refused whole rather than printed with some dates missing.
func (c *Calendar) Covers(days ...float64) error {
	for _, x := range days {
		if math.IsNaN(x) || x < 0 || x > schedule.MaxWorkingDays {
			continue // not a date the formats write (they say why)
		}
		if _, err := c.cal.Day(int(math.Ceil(x))); err != nil {
			return &DateRangeError{Start: c.cal.First().Format(schedule.DateLayout)}
		}
	}
	return nil
}

// CoversEstimate is Covers for the dates plan estimate shows: its
// percentiles'.
func (c *Calendar) CoversEstimate(est *schedule.Estimate) error {
	days := make([]float64, 0, len(est.Percentiles))
	for _, p := range est.Percentiles {
		days = append(days, p.Days)
	}
	return c.Covers(days...)
}

// CoversReport is Covers for everything the HTML report dates: the
// critical path, the estimate's percentiles and the largest simulated
// finish its charts reach, and the schedule s (nil without a team).
func (c *Calendar) CoversReport(a *Analysis, est *schedule.Estimate, s *schedule.Schedule) error {
	if err := c.Covers(a.Critical.Expected); err != nil {
		return err
	}
	if n := len(est.Finishes); n > 0 {
		if err := c.Covers(est.Finishes[n-1]); err != nil {
			return err
		}
	}
	if s != nil {
		if err := c.Covers(s.Makespan); err != nil {
			return err
		}
	}
	return c.CoversEstimate(est)
}

// ConfigHolidays are plan.yaml's holidays (cfg, nil for none) as dates.
// A value that is no date is a *parser.ConfigError at the holidays line.
func ConfigHolidays(cfg *parser.Config) ([]time.Time, error) {
	if cfg == nil {
		return nil, nil
	}
	var holidays []time.Time
	for _, d := range cfg.Holidays {
		day, err := schedule.ParseDate(d)
		if err != nil {
			return nil, &parser.ConfigError{File: cfg.File, Line: cfg.Lines["holidays"], Msg: fmt.Sprintf("holidays: %q is not a date (YYYY-MM-DD)", d)}
		}
		holidays = append(holidays, day)
	}
	return holidays, nil
}

// ParsePercentiles reads the percentiles of --percentiles: numbers from 0
// to 100 separated by commas ("50,80,95").
func ParsePercentiles(s string) ([]float64, error) {
	var ps []float64
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		p, err := strconv.ParseFloat(f, 64)
		if err != nil || p < 0 || p > 100 {
			return nil, fmt.Errorf("--percentiles takes numbers from 0 to 100 separated by commas, not %q", f)
		}
		ps = append(ps, p)
	}
	return ps, nil
}
