package change

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// Evidence is one finished packet's actual against its estimate.
type Evidence struct {
	ID string `json:"id"`
	// Source is "git" (elapsed working days between commits) or "actual"
	// (the packet's Actual Effort line, which wins where given).
	Source string `json:"source"`
	// Start and End are the commits' dates, YYYY-MM-DD (git evidence
	// only).
	Start string `json:"start,omitempty"`
	End   string `json:"end,omitempty"`
	// Days is the actual: elapsed working days or the recorded effort.
	Days float64 `json:"days"`
	// Estimate is the expected estimate, at the completing commit for git
	// evidence.
	Estimate float64 `json:"estimate"`
	Ratio    float64 `json:"ratio"`
}

// Calibration is the evidence --calibrate=git rests on.
type Calibration struct {
	Evidence []Evidence `json:"evidence"`
	// SameDay counts packets that started and finished on the same working
	// day: no elapsed time to measure, so they are left out.
	SameDay int `json:"same_day"`
}

// Ratios returns the ratios in evidence order, as schedule.SimOptions.Ratios
// takes them.
func (c *Calibration) Ratios() []float64 {
	out := make([]float64, len(c.Evidence))
	for i, e := range c.Evidence {
		out[i] = e.Ratio
	}
	return out
}

// Enough reports whether there is enough evidence to scale a forecast
// (schedule.MinCalibrationRatios packets).
func (c *Calibration) Enough() bool { return len(c.Evidence) >= schedule.MinCalibrationRatios }

// Calibrate gathers the evidence of every packet that became complete in
// v: its actual is the working days on cal from the first commit where it
// was in progress (or, when it never was, its first commit) to the commit
// where it first became complete. A packet that records an Actual Effort
// in current (the plan being forecast) gives that instead. Evidence comes
// in ID order.
func Calibrate(v *Versions, current []*parser.Packet, holidays []time.Time) *Calibration {
	type track struct {
		first, started time.Time
		hasStart       bool
		open           bool // seen unfinished
		done           bool
		end            time.Time
		estimate       float64
	}
	tracks := map[string]*track{}
	var order []string
	for i, set := range v.Sets {
		when := v.Commits[i].Time
		for _, p := range set.Packets {
			t, ok := tracks[p.ID]
			if !ok {
				t = &track{first: when}
				tracks[p.ID] = t
				order = append(order, p.ID)
			}
			if t.done {
				continue
			}
			switch p.Status {
			case parser.NotStarted:
				t.open = true
			case parser.InProgress:
				t.open = true
				if !t.hasStart {
					t.started, t.hasStart = when, true
				}
			case parser.Complete:
				if t.open {
					t.done, t.end = true, when
					if p.Effort != nil {
						t.estimate = p.Effort.Expected()
					}
				} else {
					// Complete from its first commit: nothing to measure.
					t.done = true
				}
			}
		}
	}
	actual := map[string]Evidence{}
	for _, p := range current {
		if p.Status == parser.Complete && p.Actual != nil && p.Effort != nil && p.Effort.Expected() > 0 && *p.Actual > 0 {
			actual[p.ID] = Evidence{ID: p.ID, Source: "actual", Days: *p.Actual, Estimate: p.Effort.Expected(), Ratio: *p.Actual / p.Effort.Expected()}
		}
	}
	c := &Calibration{}
	ids := append([]string(nil), order...)
	for id := range actual {
		if _, ok := tracks[id]; !ok {
			ids = append(ids, id)
		}
	}
	sortStrings(ids)
	for _, id := range ids {
		if e, ok := actual[id]; ok {
			c.Evidence = append(c.Evidence, e)
			continue
		}
		t := tracks[id]
		if !t.done || t.end.IsZero() || t.estimate <= 0 {
			continue
		}
		start := t.first
		if t.hasStart {
			start = t.started
		}
		days := WorkingDays(start, t.end, holidays)
		if days <= 0 {
			c.SameDay++
			continue
		}
		c.Evidence = append(c.Evidence, Evidence{ID: id, Source: "git", Start: start.Format(dateLayout), End: t.end.Format(dateLayout),
			Days: float64(days), Estimate: t.estimate, Ratio: float64(days) / t.estimate})
	}
	return c
}

// WorkingDays counts the working days (Monday to Friday, not holidays)
// from the date of a up to the date of b: Monday to Wednesday is 2.
func WorkingDays(a, b time.Time, holidays []time.Time) int {
	cal := schedule.NewCalendar(a, holidays)
	return cal.Offset(b)
}

// RatioPercentiles returns the 10th, 50th and 90th percentiles of the
// ratios (linear interpolation, as the forecast's percentiles), or nil
// without evidence.
func (c *Calibration) RatioPercentiles() []float64 {
	if len(c.Evidence) == 0 {
		return nil
	}
	r := c.Ratios()
	slices.Sort(r)
	at := func(p float64) float64 {
		x := p / 100 * float64(len(r)-1)
		i := int(x)
		if i+1 >= len(r) {
			return r[len(r)-1]
		}
		return r[i] + (x-float64(i))*(r[i+1]-r[i])
	}
	return []float64{at(10), at(50), at(90)}
}

// WriteCalibrationText says what the git calibration rests on: how many
// packets, from which source, the ratio's percentiles, and whether the
// forecast is scaled by it.
func WriteCalibrationText(w io.Writer, c *Calibration) error {
	git, actual := 0, 0
	for _, e := range c.Evidence {
		if e.Source == "git" {
			git++
		} else {
			actual++
		}
	}
	fmt.Fprintf(w, "Calibration from git: %d packet(s), %d from status changes in git, %d from Actual Effort lines\n", len(c.Evidence), git, actual)
	if c.SameDay > 0 {
		fmt.Fprintf(w, "  %d packet(s) started and finished on one working day: left out\n", c.SameDay)
	}
	if p := c.RatioPercentiles(); p != nil {
		fmt.Fprintf(w, "  actual/estimate ratio: P10 %.2f, P50 %.2f, P90 %.2f\n", p[0], p[1], p[2])
	}
	if !c.Enough() {
		_, err := fmt.Fprintf(w, "  fewer than %d packets: the forecast is not scaled\n", schedule.MinCalibrationRatios)
		return err
	}
	_, err := fmt.Fprintln(w, "  the forecast below resamples these ratios (elapsed working days, not effort)")
	return err
}
