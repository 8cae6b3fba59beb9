package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is the page. html/template escapes every text and
// attribute for its context, the charts' texts included; the one piece
// of markup not written by the template is the dependency graph, which
// cleanGraphSVG rebuilds element by element from dot's output.
var htmlTemplate = template.Must(template.New("page").Funcs(template.FuncMap{"n": svgNum, "inc": func(i int) int { return i + 1 }}).Parse(htmlSource))

// HTMLInput is what the HTML report shows besides the analysis: the
// forecast, the team schedule and the dependency graph, each computed or
// drawn by the caller (cmd/plan runs the simulation, the scheduler and
// Graphviz).
type HTMLInput struct {
	// Title heads the page ("Plan: docs/packets").
	Title string
	// Today is the date the page is made on (YYYY-MM-DD).
	Today string
	// Calendar turns working days into dates (day 0 is --start or
	// today).
	Calendar *Calendar
	// Estimate is the Monte Carlo forecast.
	Estimate *schedule.Estimate
	// Schedule is the team schedule; nil without a team, and
	// ScheduleNote says why.
	Schedule     *schedule.Schedule
	ScheduleNote string
	// GraphSVG is `dot -Tsvg` of graph.WriteDOT's picture; nil when it
	// was not drawn, and GraphNote says why.
	GraphSVG  []byte
	GraphNote string
}

// htmlPage is what html.tmpl reads.
type htmlPage struct {
	Title, Today string
	// DayZero is the first working day when it is not Today (--start).
	DayZero    string
	Facts      []htmlFact
	Ready      []htmlPacketRow
	Blocked    []htmlBlockedRow
	AtRisk     []htmlRisk
	Critical   htmlCritical
	Forecast   htmlForecast
	Gantt      *svgChart
	GanttTitle string
	GanttNote  string
	Graph      template.HTML
	GraphNote  string
	Problems   []htmlProblemCode
	Errors     []htmlProblem
	Empty      bool
}

type htmlFact struct{ Label, Value, Note string }

type htmlPacketRow struct {
	ID, Priority, Title, Remaining, Status, Slack string
	Critical                                      bool
}

type htmlBlockedRow struct {
	ID, Title, Remaining string
	Reasons              []string
	// External says it waits on something outside the plan (an
	// external, a missing file, its own Blocked status): it cannot start
	// whatever the team does. Otherwise it merely waits its turn.
	External bool
	// Cycle says it is in a dependency cycle: it cannot start until a
	// row of the cycle is removed.
	Cycle bool
}

type htmlRisk struct{ ID, Name, Status string }

type htmlCritical struct {
	Expected, Optimistic, Pessimistic string
	Steps                             []htmlStep
}

type htmlStep struct{ ID, Title, Days, Start, Finish string }

type htmlForecast struct {
	Team        string
	Iterations  string
	Percentiles []htmlFact
	Mean        string
	Gap         string
	Histogram   *svgChart
	Curve       *svgChart
}

type htmlProblemCode struct {
	Code, Severity string
	Count          int
	First          string
	// Text says what the warnings are and what fixes or lists them, as
	// the default view says it.
	Text string
}

type htmlProblem struct{ Where, Code, Message string }

// WriteHTML is `plan report`: one self-contained page for the planning
// meeting (summary, ready and blocked tables, critical path, forecast
// with histogram and S-curve, team Gantt chart, dependency graph,
// problems). It needs no network and no script to read, and prints on
// A4.
func WriteHTML(w io.Writer, a *Analysis, in HTMLInput) error {
	page, err := buildHTMLPage(a, in)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := htmlTemplate.ExecuteTemplate(&buf, "page", page); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func buildHTMLPage(a *Analysis, in HTMLInput) (htmlPage, error) {
	page := htmlPage{Title: clean(in.Title), Today: in.Today, Empty: len(a.Set.Packets) == 0}
	if in.Calendar != nil {
		if d := in.Calendar.StartDate(0); d != in.Today {
			page.DayZero = d // --start: the dates count from it, not from today
		}
	}
	// The forecast and the schedule are built once, for every part of
	// the page that shows them.
	var est *Estimate
	if in.Estimate != nil {
		r := EstimateRecord(in.Estimate, in.Calendar)
		est = &r
	}
	page.Facts = htmlFacts(a, in, est)
	for _, p := range a.Packets(a.Ready) {
		t := a.Timing(p.ID)
		row := htmlPacketRow{ID: clean(p.ID), Priority: priorityCell(p), Title: clean(p.Title), Remaining: p.RemainingText(),
			Status: p.StatusText(), Critical: t.OnPath || t.ZeroSlack}
		if t.Scheduled {
			row.Slack = graph.Days(t.Slack) + "d"
		}
		page.Ready = append(page.Ready, row)
	}
	inCycle := a.InCycle()
	for b := range a.eachBlockedPacket() {
		page.Blocked = append(page.Blocked, htmlBlockedRow{ID: clean(b.ID), Title: clean(b.Title), Remaining: b.RemainingText(),
			Reasons: b.Reasons(clean), External: len(b.External) > 0 || len(b.Missing) > 0 || b.ByStatus, Cycle: inCycle[b.ID]})
	}
	for _, p := range a.Graph.Packets() {
		if p.Status == parser.Complete || p.Status == parser.Cancelled {
			continue
		}
		for _, x := range p.Externals {
			if x.Class == parser.AtRisk {
				page.AtRisk = append(page.AtRisk, htmlRisk{ID: clean(p.ID), Name: clean(x.Name), Status: clean(x.StatusText)})
			}
		}
	}
	cp := a.Critical
	page.Critical = htmlCritical{Expected: graph.Days(cp.Expected), Optimistic: graph.Days(cp.Optimistic), Pessimistic: graph.Days(cp.Pessimistic)}
	for _, id := range cp.IDs {
		t := a.Timing(id)
		step := htmlStep{ID: clean(id), Title: clean(t.Title), Days: graph.Days(t.Duration), Start: graph.Days(t.EarliestStart), Finish: graph.Days(t.EarliestFinish)}
		if in.Calendar != nil {
			step.Start, step.Finish = in.Calendar.Dates(t.EarliestStart, t.EarliestFinish)
		}
		page.Critical.Steps = append(page.Critical.Steps, step)
	}
	if est != nil {
		f := htmlForecast{Team: teamText(est.Team), Iterations: strconv.Itoa(est.Iterations) + " runs, " + est.Dist.String() + " durations, seed " + strconv.FormatUint(est.Seed, 10),
			Mean: graph.Days(est.Mean)}
		for _, p := range est.Percentiles {
			f.Percentiles = append(f.Percentiles, htmlFact{Label: p.Label, Value: graph.Days(p.Days) + " working days", Note: p.Date})
		}
		// The words of plan estimate: with a team the gap is mostly
		// packets waiting for someone free, not the merge bias.
		gap := "the merge bias (parallel paths that merge only ever delay)"
		if est.Team > 0 {
			gap = "team capacity (packets wait for someone free)"
		}
		f.Gap = fmt.Sprintf("The mean, %s days, is %s days after the expected critical path (%s days): that gap is %s.",
			graph.Days(est.Mean), graph.Days(est.MergeBias), graph.Days(est.Deterministic.Expected), gap)
		f.Histogram, f.Curve = forecastCharts(*est)
		page.Forecast = f
	}
	if in.Schedule != nil && in.Calendar != nil {
		s := ScheduleRecord(a, in.Schedule, in.Calendar)
		page.Gantt = ganttChart(a, s, in.Calendar)
		page.GanttTitle = fmt.Sprintf("Team of %d: %s working days (lower bound %s)", s.Team, graph.Days(s.Makespan), graph.Days(s.LowerBound))
		if s.Finish != "" {
			page.GanttTitle += ", finishes " + s.Finish
		} else {
			page.GanttNote = "Nothing left to schedule."
		}
	} else {
		page.GanttNote = in.ScheduleNote
	}
	if in.GraphSVG != nil {
		svg, err := cleanGraphSVG(in.GraphSVG)
		if err != nil {
			return page, err
		}
		page.Graph = template.HTML(svg) // rebuilt from allowed elements and attributes only
	} else {
		page.GraphNote = in.GraphNote
	}
	page.Problems, page.Errors = htmlProblems(a.Problems)
	return page, nil
}

// htmlFacts are the summary's figures.
func htmlFacts(a *Analysis, in HTMLInput, est *Estimate) []htmlFact {
	status := a.StatusCounts().String()
	external := 0
	for b := range a.eachBlockedPacket() {
		if len(b.External) > 0 || len(b.Missing) > 0 || b.ByStatus {
			external++
		}
	}
	facts := []htmlFact{
		{Label: "Packets", Value: strconv.Itoa(len(a.Set.Packets)), Note: status},
		{Label: "Ready now", Value: strconv.Itoa(len(a.Ready)), Note: "can start today"},
		{Label: "Blocked", Value: strconv.Itoa(len(a.Blocked)), Note: fmt.Sprintf("%d of them by something outside the plan", external)},
		{Label: "Critical path", Value: graph.Days(a.Critical.Expected) + " days", Note: fmt.Sprintf("expected; optimistic %s, pessimistic %s", graph.Days(a.Critical.Optimistic), graph.Days(a.Critical.Pessimistic))},
	}
	if est != nil {
		for _, p := range est.Percentiles {
			if p.P != 50 && p.P != 80 {
				continue
			}
			f := htmlFact{Label: "Forecast " + p.Label, Value: graph.Days(p.Days) + " days", Note: teamText(est.Team)}
			if p.Date != "" {
				f.Value = p.Date
				f.Note = graph.Days(p.Days) + " working days, " + teamText(est.Team)
			}
			facts = append(facts, f)
		}
	}
	errs, warns := a.Counts()
	facts = append(facts, htmlFact{Label: "Problems", Value: strconv.Itoa(errs + warns), Note: Plural(errs, "error") + ", " + Plural(warns, "warning")})
	return facts
}

// teamText says who the forecast assumes does the work.
func teamText(team int) string {
	if team > 0 {
		return "with a team of " + strconv.Itoa(team)
	}
	return "with unlimited people (no team given)"
}

// priorityCell is the effective priority, with the file's own when the
// packets that wait on it raised it: "P0 (P1 in file)".
func priorityCell(p Packet) string {
	s := p.PriorityText()
	if s == "" {
		return "--"
	}
	if own := p.Priority.String(); own != s {
		if own == "" {
			own = "none"
		}
		s += " (" + own + " in file)"
	}
	return s
}

// htmlProblems are the problems as one row per code (the count and the
// first place), and the errors in full: a cycle or a duplicate ID is
// never summed up.
func htmlProblems(ps []parser.Problem) ([]htmlProblemCode, []htmlProblem) {
	byCode := map[string]*htmlProblemCode{}
	var codes []string
	var errs []htmlProblem
	for _, p := range ps {
		where := cleanPath(p.File) + ":" + strconv.Itoa(p.Line)
		sev := "warning"
		if p.Severity == parser.Error {
			sev = "error"
			errs = append(errs, htmlProblem{Where: where, Code: string(p.Code), Message: clean(p.Message)})
		}
		key := sev + " " + string(p.Code)
		c, ok := byCode[key]
		if !ok {
			c = &htmlProblemCode{Code: string(p.Code), Severity: sev, First: where}
			byCode[key] = c
			codes = append(codes, key)
		}
		c.Count++
	}
	// Errors first, then the most frequent, as the default view lists them.
	sort.SliceStable(codes, func(i, j int) bool {
		x, y := byCode[codes[i]], byCode[codes[j]]
		if x.Severity != y.Severity {
			return x.Severity == "error"
		}
		if x.Count != y.Count {
			return x.Count > y.Count
		}
		return x.Code < y.Code
	})
	out := make([]htmlProblemCode, len(codes))
	for i, k := range codes {
		out[i] = *byCode[k]
		if out[i].Severity == "warning" {
			out[i].Text = problemLine(out[i].Code, out[i].Count)
		} else {
			out[i].Text = "listed in full at the top"
		}
	}
	return out, errs
}

// graphElements are the SVG elements dot draws a plan with; an a
// (a link dot writes for a URL or tooltip attribute) is dropped but its
// content kept; everything else (script, foreignObject, style, image) is
// dropped with its content.
var graphElements = map[string]bool{
	"svg": true, "g": true, "title": true, "polygon": true, "polyline": true, "ellipse": true,
	"path": true, "text": true, "rect": true, "circle": true, "line": true,
}

// graphAttributes are the presentation attributes kept; ids (dot's node1,
// edge2 say nothing to a reader), event handlers, links and styles are
// dropped.
var graphAttributes = map[string]bool{
	"width": true, "height": true, "viewBox": true, "transform": true, "class": true,
	"x": true, "y": true, "cx": true, "cy": true, "rx": true, "ry": true, "r": true,
	"x1": true, "y1": true, "x2": true, "y2": true, "points": true, "d": true,
	"fill": true, "stroke": true, "stroke-width": true, "stroke-dasharray": true, "stroke-opacity": true, "fill-opacity": true,
	"font-family": true, "font-size": true, "font-weight": true, "font-style": true, "text-anchor": true, "text-decoration": true,
	"preserveAspectRatio": true,
}

// What cleanGraphSVG does with an element.
const (
	keepElement = iota
	dropElement
	unwrapElement
)

// cleanGraphSVG rebuilds dot's SVG from the elements and attributes it
// draws a plan with, every value and text escaped again: whatever dot
// passes through from a packet's title stays text, and no comment (dot
// writes its version in one), processing instruction or document type
// reaches the page. Only the first svg element is kept.
func cleanGraphSVG(src []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(src))
	var b strings.Builder
	var stack []int // what was done with each open element
	dropped := 0    // open elements dropped with their content
	inText := 0     // open text and title elements
	seenRoot := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("html: dot's SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			switch {
			case dropped > 0 || (name == "svg" && seenRoot) || (name != "svg" && !seenRoot):
				stack = append(stack, dropElement)
				dropped++
				continue
			case name == "a":
				stack = append(stack, unwrapElement)
				continue
			case !graphElements[name]:
				stack = append(stack, dropElement)
				dropped++
				continue
			}
			stack = append(stack, keepElement)
			seenRoot = true
			b.WriteString("<" + name)
			if name == "svg" {
				b.WriteString(` class="graph" role="img" aria-label="Dependency graph"`)
			}
			for _, at := range t.Attr {
				if at.Name.Space != "" || !graphAttributes[at.Name.Local] || (name == "svg" && at.Name.Local == "class") {
					continue
				}
				b.WriteString(" " + at.Name.Local + `="`)
				xml.EscapeText(&b, []byte(at.Value)) //nolint:errcheck // a strings.Builder does not fail
				b.WriteString(`"`)
			}
			b.WriteString(">")
			if name == "text" || name == "title" {
				inText++
			}
		case xml.EndElement:
			if len(stack) == 0 {
				continue // the decoder reports unbalanced tags as errors first
			}
			kind := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			switch kind {
			case dropElement:
				dropped--
				continue
			case unwrapElement:
				continue
			}
			if t.Name.Local == "text" || t.Name.Local == "title" {
				inText--
			}
			b.WriteString("</" + t.Name.Local + ">")
		case xml.CharData:
			switch {
			case dropped > 0 || len(stack) == 0:
			case inText > 0:
				xml.EscapeText(&b, t) //nolint:errcheck // a strings.Builder does not fail
			case len(bytes.TrimSpace(t)) == 0 && bytes.ContainsRune(t, '\n'):
				b.WriteByte('\n')
			}
		}
	}
	if !seenRoot {
		return "", fmt.Errorf("html: dot's output holds no <svg> element")
	}
	return b.String(), nil
}
