package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/schedule"
)

// mermaidDir holds the Node checker that runs the real Mermaid parser.
var mermaidDir = filepath.Join("..", "..", "testdata", "mermaid")

// smallSchedule is a hand-made two-person schedule: a weekend crossing, a
// fractional hand-over and a zero-length packet.
func smallSchedule() *schedule.Schedule {
	return &schedule.Schedule{
		Team: 2, Makespan: 7, LowerBound: 6.5,
		Assignments: []schedule.Assignment{
			{ID: "A-1", Person: 1, Start: 0, Finish: 3},
			{ID: "B-1", Person: 2, Start: 0, Finish: 2.5},
			{ID: "C-1", Person: 2, Start: 2.5, Finish: 4},
			{ID: "D-1", Person: 1, Start: 3, Finish: 3},
			{ID: "E-1", Person: 1, Start: 3, Finish: 7},
		},
	}
}

// smallTitles are the titles of smallSchedule's packets.
var smallTitles = map[string]string{"A-1": "Schema", "B-1": "Design: tokens", "C-1": "Shell", "E-1": "Reports"}

func mermaidString(t *testing.T, s *schedule.Schedule, titles map[string]string, cal *report.Calendar) string {
	t.Helper()
	var buf bytes.Buffer
	if err := report.WriteGantt(&buf, s, func(id string) string { return titles[id] }, cal); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestMermaidGolden pins the chart for a small schedule, without --start
// (anchored at Monday 2000-01-03) and with a start date on a Friday.
// End dates are exclusive in Mermaid: a task whose last working day is
// Wednesday 5 January ends on 2000-01-06.
func TestMermaidGolden(t *testing.T) {
	got := mermaidString(t, smallSchedule(), smallTitles, nil)
	want := `gantt
    title Team of 2, makespan 7 working days, lower bound 6.5, no start date given so day 0 is Monday 2000-01-03
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m-%d
    section Person 1
        A-1 Schema :t1, 2000-01-03, 2000-01-06
        D-1 :milestone, t4, 2000-01-06, 0d
        E-1 Reports :t5, 2000-01-06, 2000-01-12
    section Person 2
        B-1 Design tokens :t2, 2000-01-03, 2000-01-06
        C-1 Shell :t3, 2000-01-05, 2000-01-07
`
	if got != want {
		t.Errorf("no --start:\n got:\n%s\nwant:\n%s", got, want)
	}

	start, _ := schedule.ParseDate("2026-12-04") // a Friday
	holiday, _ := schedule.ParseDate("2026-12-08")
	cal := report.NewCalendar(schedule.NewCalendar(start, []time.Time{holiday}))
	got = mermaidString(t, smallSchedule(), smallTitles, cal)
	want = `gantt
    title Team of 2, makespan 7 working days, lower bound 6.5, day 0 is 2026-12-04
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m-%d
    section Person 1
        A-1 Schema :t1, 2026-12-04, 2026-12-10
        D-1 :milestone, t4, 2026-12-10, 0d
        E-1 Reports :t5, 2026-12-10, 2026-12-16
    section Person 2
        B-1 Design tokens :t2, 2026-12-04, 2026-12-10
        C-1 Shell :t3, 2026-12-09, 2026-12-11
`
	if got != want {
		t.Errorf("--start 2026-12-04 with a holiday on 2026-12-08:\n got:\n%s\nwant:\n%s", got, want)
	}
	checkMermaid(t, got, true)
}

// hostileTitles are packet titles written to break or inject into a chart.
var hostileTitles = []string{
	`Evil: colon ends the name`,
	`semi; colon; and # hash #35; entity`,
	`%%{init: {"theme": "dark", "securityLevel": "loose"}}%%`,
	"\nclick t1 call alert()",
	"x\n%% comment\nsection Pwned\ndateFormat X",
	`<script>alert("xss")</script><img src=x onerror=alert(1)>`,
	"quotes \"double\" 'single' `back`",
	"brackets [a] (b) {c} <d>",
	"click t1 href \"javascript:alert(1)\"",
	"2026-01-01, 3d",
	"title Owned",
	"\x1b[31mred\x1b[0m and \u202eRLO",
}

// mermaidLine is the only shape a line of the chart may have.
var mermaidLine = regexp.MustCompile(`^(gantt|    title [^\n#;:%]+|    dateFormat YYYY-MM-DD|    axisFormat %Y-%m-%d|    section Person \d+|        [\p{L}\p{N}\p{Mn} _.,/+!?-]+ :(milestone, )?t\d+, \d{4}-\d\d-\d\d, (\d{4}-\d\d-\d\d|0d))$`)

// TestMermaidHostileTitles feeds titles built to break the chart through
// the writer: no line may have any other shape, nothing dangerous may
// survive, each task is one line, and the real parser accepts the result.
func TestMermaidHostileTitles(t *testing.T) {
	s := &schedule.Schedule{Team: 3, Makespan: 12, LowerBound: 12}
	titles := map[string]string{}
	for i, title := range hostileTitles {
		id := "H-" + string(rune('A'+i))
		titles[id] = title
		s.Assignments = append(s.Assignments, schedule.Assignment{ID: id, Person: i%3 + 1, Start: float64(i), Finish: float64(i + 1)})
	}
	// A hostile ID too.
	s.Assignments = append(s.Assignments, schedule.Assignment{ID: "click:%%;#<b>", Person: 1, Start: 11, Finish: 12})
	got := mermaidString(t, s, titles, nil)
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if want := 4 + s.Team + len(s.Assignments); len(lines) != want {
		t.Errorf("chart has %d lines, want %d (a newline in a title survived?):\n%s", len(lines), want, got)
	}
	for _, line := range lines {
		if !mermaidLine.MatchString(line) {
			t.Errorf("unexpected line %q", line)
		}
		task := strings.TrimSpace(line)
		if strings.HasPrefix(line, "        ") {
			task = task[:strings.LastIndex(task, " :")]
			if lower := strings.ToLower(task); strings.HasPrefix(lower, "click") || strings.HasPrefix(lower, "title") ||
				strings.HasPrefix(lower, "section") || regexp.MustCompile(`^\d{4}-`).MatchString(task) {
				t.Errorf("task name %q starts a statement", task)
			}
			for _, bad := range []string{"%", ":", ";", "#", "<", ">", `"`, "'", "`", "[", "]", "{", "}", "(", ")", "&", "=", "\x1b", "\u202e"} {
				if strings.Contains(task, bad) {
					t.Errorf("task name %q keeps %q", task, bad)
				}
			}
		}
	}
	if strings.Contains(got, "%%") {
		t.Errorf("%%%% survived:\n%s", got)
	}
	checkMermaid(t, got, true)
}

// TestMermaidCommand runs `plan schedule --format mermaid` on the example
// folder plus a packet with a hostile title, with and without --start,
// and feeds each chart to the real parser.
func TestMermaidCommand(t *testing.T) {
	dir := t.TempDir()
	if err := copyTree(filepath.Join("..", "..", "testdata", "example"), filepath.Join(dir, "example")); err != nil {
		t.Fatal(err)
	}
	evil := "# EVIL-001: Evil: \"x\" [y] %%{init: {'theme':'dark'}}%% ; # click t1 call alert() <script>\n\n" +
		"**Priority**: P0\n**Status**: 🚧 Not Started\n**Estimated Effort**: 2 days\n\n## Overview\n\nHostile title.\n"
	if err := os.WriteFile(filepath.Join(dir, "example", "EVIL-001-evil.md"), []byte(evil), 0o644); err != nil {
		t.Fatal(err)
	}
	var charts []string // parsed last, so a skip cannot hide the checks above
	for _, extra := range [][]string{nil, {"--start", "2026-12-01"}} {
		args := append([]string{"schedule", "--team", "2", "--format", "mermaid"}, extra...)
		args = append(args, filepath.Join(dir, "example"))
		var out, errb bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("plan %v: exit %d: %s", args, code, errb.String())
		}
		chart := out.String()
		if !strings.Contains(chart, "        EVIL-001 Evil x y init theme dark click t1 call alert :t") {
			t.Errorf("plan %v: hostile packet missing or not sanitised as expected:\n%s", args, chart)
		}
		again := new(bytes.Buffer)
		run(args, strings.NewReader(""), again, new(bytes.Buffer))
		if again.String() != chart {
			t.Errorf("plan %v: output differs between runs", args)
		}
		charts = append(charts, chart)
	}
	for _, chart := range charts {
		checkMermaid(t, chart, true)
	}
}

// TestMermaidCheckerRejects proves the parser check is not vacuous: the
// real parser must reject garbage and a chart with a broken task line.
func TestMermaidCheckerRejects(t *testing.T) {
	checkMermaid(t, "this is not a chart {{{\n", false)
	checkMermaid(t, "gantt\n    dateFormat YYYY-MM-DD\n    section A\n        no colon t1, 2026-01-01, 2026-01-02\n", false)
}

// checkMermaid runs testdata/mermaid/check.mjs (the real Mermaid parser
// under jsdom) on chart and fails unless it accepts the chart exactly when
// valid says it should. It skips when node or the npm packages are not
// installed.
func checkMermaid(t *testing.T, chart string, valid bool) {
	t.Helper()
	checkMermaidType(t, chart, "gantt", valid)
}

// checkMermaidType is checkMermaid for a chart of the given type (gantt,
// flowchart).
func checkMermaidType(t *testing.T, chart, typ string, valid bool) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: skipping the Mermaid parser check (install Node.js, then npm ci --prefix testdata/mermaid)")
	}
	if _, err := os.Stat(filepath.Join(mermaidDir, "node_modules", "mermaid")); err != nil {
		t.Skip("Mermaid is not installed: run `npm ci --prefix testdata/mermaid` (from the repository root) to check charts with the real parser")
	}
	cmd := exec.Command(node, filepath.Join(mermaidDir, "check.mjs"), "--type", typ)
	cmd.Stdin = strings.NewReader(chart)
	out, err := cmd.CombinedOutput()
	if valid && err != nil {
		t.Errorf("Mermaid rejects the chart: %v\n%s\nchart:\n%s", err, out, chart)
	}
	if !valid {
		if err == nil {
			t.Errorf("Mermaid accepts a chart it should reject:\n%s", chart)
		} else if _, ok := err.(*exec.ExitError); !ok {
			t.Errorf("running check.mjs: %v", err)
		}
	}
}
