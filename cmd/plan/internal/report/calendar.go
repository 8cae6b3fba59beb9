package report

import (
	"time"

	"github.com/workpackets/plan/schedule"
)

// Calendar prints working-day times as dates.
type Calendar struct{ cal *schedule.Calendar }

// NewCalendar prints the working days of cal as dates.
func NewCalendar(cal *schedule.Calendar) *Calendar { return &Calendar{cal} }

// StartDate is the date on which work starting at day x begins.
func (c *Calendar) StartDate(x float64) string { return dateText(c.cal.StartDate(x)) }

// FinishDate is the date by whose end work finishing at day x is done.
func (c *Calendar) FinishDate(x float64) string { return dateText(c.cal.FinishDate(x)) }

func dateText(t time.Time, err error) string {
	if err != nil {
		return "beyond the calendar"
	}
	return t.Format(schedule.DateLayout)
}
