package report

import (
	"time"

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
