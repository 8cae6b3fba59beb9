package report

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// This file draws the HTML report's charts (the forecast's histogram and
// S-curve, the team's Gantt chart) as plain geometry: rectangles, lines,
// texts and one polyline in user units. html.tmpl's "chart" template
// turns a chart into inline SVG, so every text is escaped by html/template
// like the rest of the page, and the same input gives the same bytes.

// svgChart is one chart: its size in user units and what it draws.
type svgChart struct {
	W, H float64
	// Label is the chart's accessible name (aria-label).
	Label string
	Rects []svgRect
	Lines []svgLine
	Texts []svgText
	// Curve is a polyline's points ("x,y x,y ..."), "" for none.
	Curve string
}

type svgRect struct {
	X, Y, W, H float64
	Class      string
	// Title is the tooltip, "" for none.
	Title string
}

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type svgText struct {
	X, Y float64
	// Anchor is start, middle or end.
	Anchor, Class, Text string
}

func (c *svgChart) rect(x, y, w, h float64, class, title string) {
	c.Rects = append(c.Rects, svgRect{x, y, w, h, class, title})
}

func (c *svgChart) line(x1, y1, x2, y2 float64, class string) {
	c.Lines = append(c.Lines, svgLine{x1, y1, x2, y2, class})
}

func (c *svgChart) text(x, y float64, anchor, class, text string) {
	c.Texts = append(c.Texts, svgText{x, y, anchor, class, text})
}

// svgNum writes a coordinate with at most one decimal: short, and the
// same bytes on every machine.
func svgNum(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "0"
	}
	return strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
}

// niceStep is a tick spacing of 1, 2 or 5 times a power of ten that
// divides span into about target steps.
func niceStep(span float64, target int) float64 {
	if !(span > 0) {
		return 1
	}
	raw := span / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			return m * mag
		}
	}
	return 10 * mag
}

// forecastCharts are the histogram of simulated finish times and the
// S-curve (the share of runs finished by each day), on one day axis,
// with the reported percentiles marked on both.
func forecastCharts(est Estimate) (hist, curve *svgChart) {
	if len(est.Histogram) == 0 || len(est.Finishes) == 0 {
		return nil, nil
	}
	const w, h = 460.0, 230.0
	const left, right, top, bottom = 60.0, 24.0, 52.0, 42.0
	lo, hi := est.Histogram[0].From, est.Histogram[len(est.Histogram)-1].To
	if hi-lo < 1 {
		lo, hi = math.Max(0, lo-0.5), hi+0.5
	}
	step := niceStep(hi-lo, 6)
	lo = math.Floor(lo/step) * step
	hi = math.Ceil(hi/step) * step
	xOf := func(d float64) float64 { return left + (d-lo)/(hi-lo)*(w-left-right) }
	plotH := h - top - bottom

	xAxis := func(c *svgChart) {
		c.line(left, h-bottom, w-right, h-bottom, "axis")
		for d := lo; d <= hi+step/2; d += step {
			x := xOf(d)
			c.line(x, h-bottom, x, h-bottom+4, "axis")
			c.text(x, h-bottom+17, "middle", "tick", graph.Days(d))
		}
		c.text((left+w-right)/2, h-6, "middle", "axis-label", "working days from day 0")
	}
	marks := func(c *svgChart) {
		// A label goes one row up when it would touch the one before it,
		// so that close percentiles stay legible.
		lastX, level := math.Inf(-1), 0
		for _, p := range est.Percentiles {
			x := xOf(p.Days)
			label := p.Label + " " + graph.Days(p.Days)
			if x-lastX < float64(len(label))*7+4 {
				level = (level + 1) % 3
			} else {
				level = 0
			}
			lastX = x
			c.line(x, top-4-float64(level)*14, x, h-bottom, "pct")
			c.text(x, top-8-float64(level)*14, "middle", "pct-label", label)
		}
	}

	hist = &svgChart{W: w, H: h, Label: "Histogram of simulated finish times"}
	maxCount := 0
	for _, b := range est.Histogram {
		maxCount = max(maxCount, b.Count)
	}
	n := float64(len(est.Finishes))
	yStep := niceStep(float64(maxCount)/n*100, 4) // percent of runs
	yMax := math.Ceil(float64(maxCount)/n*100/yStep) * yStep
	for v := 0.0; v <= yMax+yStep/2; v += yStep {
		y := h - bottom - v/yMax*plotH
		hist.line(left, y, w-right, y, "grid")
		hist.text(left-6, y+4, "end", "tick", svgNum(v)+"%")
	}
	for _, b := range est.Histogram {
		bh := float64(b.Count) / n * 100 / yMax * plotH
		x0, x1 := xOf(b.From), xOf(b.To)
		hist.rect(x0+0.5, h-bottom-bh, math.Max(x1-x0-1, 0.5), bh, "bar",
			graph.Days(b.From)+"-"+graph.Days(b.To)+" days: "+strconv.Itoa(b.Count)+" runs")
	}
	xAxis(hist)
	marks(hist)
	hist.text(12, top+plotH/2, "middle", "axis-label vertical", "runs")

	curve = &svgChart{W: w, H: h, Label: "S-curve: chance of finishing by each day"}
	for v := 0.0; v <= 100; v += 25 {
		y := h - bottom - v/100*plotH
		curve.line(left, y, w-right, y, "grid")
		curve.text(left-6, y+4, "end", "tick", svgNum(v)+"%")
	}
	var pts []string
	for q := 0; q <= 100; q++ {
		d := est.Percentile(float64(q))
		pts = append(pts, svgNum(xOf(d))+","+svgNum(h-bottom-float64(q)/100*plotH))
	}
	curve.Curve = strings.Join(pts, " ")
	for _, p := range est.Percentiles {
		y := h - bottom - p.P/100*plotH
		curve.line(left, y, xOf(p.Days), y, "pct")
	}
	xAxis(curve)
	marks(curve)
	curve.text(12, top+plotH/2, "middle", "axis-label vertical", "chance done")
	return hist, curve
}

// ganttRow is one row of the Gantt chart: a person's heading or a task.
type ganttRow struct {
	person int // heading when id is ""
	id     string
}

// ganttChart draws the team schedule: a heading row per person, then one
// row per task with its ID and title on the left and its bar on a
// working-day axis labelled with dates. Critical-path packets are drawn
// in the critical colour, in-progress ones outlined.
func ganttChart(a *Analysis, s Schedule, cal *Calendar) *svgChart {
	if len(s.Assignments) == 0 {
		return nil
	}
	const w, labelW, right, top, rowH = 820.0, 270.0, 64.0, 34.0, 20.0
	var rows []ganttRow
	for person := 1; person <= s.Team; person++ {
		rows = append(rows, ganttRow{person: person})
		for _, as := range s.Assignments {
			if as.Person == person {
				rows = append(rows, ganttRow{person: person, id: as.ID})
			}
		}
	}
	h := top + float64(len(rows))*rowH + 24
	span := math.Max(math.Ceil(s.Makespan), 1)
	xOf := func(d float64) float64 { return labelW + d/span*(w-labelW-right) }
	c := &svgChart{W: w, H: h, Label: "Team schedule: one bar per packet, grouped by person"}

	// Ticks every working week (5 days), every day for short plans; more
	// apart when the labels would touch.
	step := 5.0
	if span <= 10 {
		step = 1
	}
	for (w-labelW-right)/span*step < 48 {
		step *= 2
	}
	bottomY := top + float64(len(rows))*rowH
	for d := 0.0; d <= span+0.001; d += step {
		x := xOf(d)
		c.line(x, top-6, x, bottomY, "grid")
		c.text(x, top-10, "middle", "tick", shortDate(cal, d))
	}
	c.line(xOf(0), top-6, xOf(0), bottomY, "today")

	// The schedule leaves blocking externals out; the bars of what waits
	// on one say so, or the chart would promise a start no one controls.
	waitsOutside := map[string]bool{}
	for b := range a.eachBlockedPacket() {
		if len(b.External) > 0 || len(b.Missing) > 0 || b.ByStatus {
			waitsOutside[b.ID] = true
		}
	}
	byID := map[string]Assignment{}
	for _, as := range s.Assignments {
		byID[as.ID] = as
	}
	for i, r := range rows {
		y := top + float64(i)*rowH
		if r.id == "" {
			c.rect(0, y, w, rowH, "person-row", "")
			c.text(6, y+14, "start", "person", "Person "+strconv.Itoa(r.person))
			continue
		}
		as := byID[r.id]
		p := a.Packet(r.id)
		c.text(14, y+14, "start", "task-id", clean(p.ID))
		c.text(14+float64(textWidth(clean(p.ID)))*6.6+6, y+14, "start", "task-title", truncate(clean(p.Title), max(36-textWidth(clean(p.ID)), 8)))
		class := "task"
		t := a.Timing(r.id)
		if t.OnPath || t.ZeroSlack {
			class = "task crit"
		}
		if p.Status == parser.InProgress {
			class += " prog"
		}
		if waitsOutside[r.id] {
			class += " ext"
		}
		x0, x1 := xOf(as.Start), xOf(as.Finish)
		c.rect(x0, y+3, math.Max(x1-x0, 2), rowH-6, class,
			clean(p.ID)+": "+as.StartDate+" to "+as.FinishDate+" ("+graph.Days(as.Finish-as.Start)+" working days)")
		days := graph.Days(as.Finish-as.Start) + "d"
		if p.Effort == nil {
			days = "no estimate"
		}
		if waitsOutside[r.id] {
			days += ", waits on an external"
		}
		if x1+4+float64(textWidth(days))*5.6 > w {
			c.text(x0-4, y+14, "end", "task-days", days) // no room after the bar
		} else {
			c.text(x1+4, y+14, "start", "task-days", days)
		}
	}
	return c
}

// shortDate is the date of working day d as "2 Dec", or the day number
// when the calendar cannot say.
func shortDate(cal *Calendar, d float64) string {
	s := cal.StartDate(d)
	t, err := time.Parse(schedule.DateLayout, s)
	if err != nil {
		return "day " + graph.Days(d)
	}
	return t.Format("2 Jan")
}
