package main

import (
	"bytes"
	"encoding/json"
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

// TestMermaidGolden pins the chart for a small schedule from Monday
// 2026-11-30 and from a Friday with a holiday. Bars cover the working
// days from round(start) to round(finish), so C-1, handed over at day 2.5,
// starts the day after B-1's last; end dates are exclusive in Mermaid.
func TestMermaidGolden(t *testing.T) {
	monday, _ := schedule.ParseDate("2026-11-30")
	got := mermaidString(t, smallSchedule(), smallTitles, report.NewTodayCalendar(schedule.NewCalendar(monday, nil)))
	want := `gantt
    title Team of 2, makespan 7 working days, lower bound 6.5, day 0 is 2026-11-30 (today, no start date given)
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m-%d
    excludes weekends
    section Person 1
        A-1 Schema :t1, 2026-11-30, 2026-12-03
        D-1 :milestone, t4, 2026-12-03, 0d
        E-1 Reports :t5, 2026-12-03, 2026-12-09
    section Person 2
        B-1 Design tokens :t2, 2026-11-30, 2026-12-03
        C-1 Shell :t3, 2026-12-03, 2026-12-04
`
	if got != want {
		t.Errorf("today 2026-11-30:\n got:\n%s\nwant:\n%s", got, want)
	}
	checkMermaid(t, got, true)

	start, _ := schedule.ParseDate("2026-12-04") // a Friday
	holiday, _ := schedule.ParseDate("2026-12-08")
	after, _ := schedule.ParseDate("2027-06-01") // past the chart: not listed
	cal := report.NewCalendar(schedule.NewCalendar(start, []time.Time{holiday, after}))
	got = mermaidString(t, smallSchedule(), smallTitles, cal)
	want = `gantt
    title Team of 2, makespan 7 working days, lower bound 6.5, day 0 is 2026-12-04
    dateFormat YYYY-MM-DD
    axisFormat %Y-%m-%d
    excludes weekends 2026-12-08
    section Person 1
        A-1 Schema :t1, 2026-12-04, 2026-12-10
        D-1 :milestone, t4, 2026-12-10, 0d
        E-1 Reports :t5, 2026-12-10, 2026-12-16
    section Person 2
        B-1 Design tokens :t2, 2026-12-04, 2026-12-10
        C-1 Shell :t3, 2026-12-10, 2026-12-11
`
	if got != want {
		t.Errorf("--start 2026-12-04 with a holiday on 2026-12-08:\n got:\n%s\nwant:\n%s", got, want)
	}
	checkMermaid(t, got, true)
	tasks := mermaidTasks(t, got)
	if len(tasks) > 0 && (tasks[0].Start != "2026-12-04T00:00:00.000Z" || tasks[0].End != "2026-12-10T00:00:00.000Z") {
		t.Errorf("Mermaid reads A-1 as %s to %s, want 2026-12-04 to 2026-12-10 (exclusive)", tasks[0].Start, tasks[0].End)
	}
}

// TestMermaidNoOverlap draws the real codex folder (when present) and the
// example for a team of 2 and 3 and reads the chart back with the real
// Mermaid parser: within a person's section no bar may start before the
// previous one ends. (Drawn at whole days from floor(start), the codex
// chart had Person 1 on P1-ECOM-002 and P1-FE-FOUNDATION-001 at once.)
func TestMermaidNoOverlap(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764892800") // Friday 2025-12-05: the chart crosses a weekend at once
	dirs := []string{filepath.Join("..", "..", "testdata", "example")}
	if corpus := filepath.Join("..", "..", "..", "shared", "corpora", "codex-work-packets"); dirExists(corpus) {
		dirs = append(dirs, corpus)
	}
	for _, dir := range dirs {
		for _, team := range []string{"2", "3"} {
			var out, errb bytes.Buffer
			args := []string{"schedule", "--team", team, "--format", "mermaid", dir}
			if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("plan %v: exit %d: %s", args, code, errb.String())
			}
			if !strings.Contains(out.String(), "day 0 is 2025-12-05 (today, no start date given)") || !strings.Contains(out.String(), "    excludes weekends\n") {
				t.Errorf("plan %v: chart not dated from SOURCE_DATE_EPOCH or without excludes:\n%s", args, out.String())
			}
			last := map[string]string{}
			for _, task := range mermaidTasks(t, out.String()) {
				if task.Start < last[task.Section] {
					t.Errorf("plan %v: %s task %s starts %s, before the previous bar ends %s", args, task.Section, task.ID, task.Start, last[task.Section])
				}
				if task.End < task.Start {
					t.Errorf("plan %v: task %s ends %s before it starts %s", args, task.ID, task.End, task.Start)
				}
				last[task.Section] = task.End
			}
		}
	}
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}

// mermaidTask is a gantt task as the real Mermaid parser reads it.
type mermaidTask struct {
	Section, ID string
	Start, End  string // ISO times in UTC; End exclusive
}

// mermaidTasks runs check.mjs --tasks on a gantt chart (skipping as
// checkMermaid does) and returns its tasks in chart order.
func mermaidTasks(t *testing.T, chart string) []mermaidTask {
	t.Helper()
	node := mermaidNode(t)
	cmd := exec.Command(node, filepath.Join(mermaidDir, "check.mjs"), "--tasks")
	cmd.Env = append(os.Environ(), "TZ=UTC") // Mermaid reads dates in local time
	cmd.Stdin = strings.NewReader(chart)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("check.mjs --tasks: %v\nchart:\n%s", err, chart)
	}
	var tasks []mermaidTask
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var task mermaidTask
		if err := json.Unmarshal([]byte(line), &task); err != nil {
			t.Fatalf("check.mjs --tasks: %q: %v", line, err)
		}
		tasks = append(tasks, task)
	}
	if len(tasks) == 0 {
		t.Fatalf("check.mjs --tasks read no task from:\n%s", chart)
	}
	return tasks
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
var mermaidLine = regexp.MustCompile(`^(gantt|    title [^\n#;:%]+|    dateFormat YYYY-MM-DD|    axisFormat %Y-%m-%d|    excludes weekends( \d{4}-\d\d-\d\d)*|    section Person \d+|        [\p{L}\p{N}\p{Mn} _.,/+!?-]+ :(milestone, )?t\d+, \d{4}-\d\d-\d\d, (\d{4}-\d\d-\d\d|0d))$`)

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
	start, _ := schedule.ParseDate("2026-12-01")
	got := mermaidString(t, s, titles, report.NewCalendar(schedule.NewCalendar(start, nil)))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	if want := 5 + s.Team + len(s.Assignments); len(lines) != want {
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
	t.Setenv("SOURCE_DATE_EPOCH", "1764633600") // 2025-12-02
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
		if day0 := "day 0 is 2025-12-02 (today, no start date given)"; extra != nil {
			if !strings.Contains(chart, "day 0 is 2026-12-01\n") {
				t.Errorf("plan %v: title does not say day 0 is --start:\n%s", args, chart)
			}
		} else if !strings.Contains(chart, day0) {
			t.Errorf("plan %v: title does not say %q:\n%s", args, day0, chart)
		}
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
	node := mermaidNode(t)
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

// mermaidNode returns the node binary, skipping the test when node or the
// npm packages are not installed.
func mermaidNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: skipping the Mermaid parser check (install Node.js, then npm ci --prefix testdata/mermaid)")
	}
	if _, err := os.Stat(filepath.Join(mermaidDir, "node_modules", "mermaid")); err != nil {
		t.Skip("Mermaid is not installed: run `npm ci --prefix testdata/mermaid` (from the repository root) to check charts with the real parser")
	}
	return node
}
