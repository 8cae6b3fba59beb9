package report

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/help/schematest"
	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenFolders are the folders of the repository's testdata the
// renderers are shown on: the example (every status, externals, a
// critical path) and the cycles folder (a cycle, problems, packets that
// wait on it).
var goldenFolders = []string{"example", "cycles"}

// goldenRenderer is one renderer called on one folder's analysis.
type goldenRenderer struct {
	name  string // the golden file: testdata/FOLDER/NAME
	write func(w *bytes.Buffer, g *goldenInput) error
}

// goldenInput is what the renderers read: the analysis of a folder, built
// once, with the forecast and the team schedule plan would compute for it.
type goldenInput struct {
	folder string
	a      *Analysis
	// est is plan estimate's forecast (unlimited people), teamEst plan
	// report --team 2's.
	est, teamEst *schedule.Estimate
	sched        *schedule.Schedule
	calendar     *Calendar
	// first is the first packet by ID, the one explain and blocked --by
	// are asked about; blocker is a packet that others wait on.
	first, blocker *parser.Packet
}

// goldenRenderers lists every renderer of the package once per format
// and command, as plan calls them.
var goldenRenderers = []goldenRenderer{
	// The default view and the text reports.
	{"view.txt", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteReport(w, g.a, ViewOptions{Style: Style{Width: 80}, Seed: schedule.DefaultSeed})
	}},
	{"view-problems-color.txt", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteReport(w, g.a, ViewOptions{Style: Style{Color: true, Width: 100}, Team: 2, Seed: schedule.DefaultSeed, AllProblems: true, Files: true})
	}},
	{"ready.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteReady(w, g.a) }},
	{"blocked.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteBlocked(w, g.a) }},
	{"blocked-by.txt", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteHeldBack(w, g.a, HeldBackOf(g.a, g.blocker.ID))
	}},
	{"critical.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteCritical(w, g.a) }},
	{"check.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteProblems(w, g.a.Problems, Style{}) }},
	{"estimate.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteEstimate(w, g.est, g.calendar) }},
	{"schedule.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteSchedule(w, g.a, g.sched, g.calendar, 5) }},
	{"explain.txt", func(w *bytes.Buffer, g *goldenInput) error { return WriteExplainText(w, explainOf(g)) }},
	// Markdown.
	{"plan.md", func(w *bytes.Buffer, g *goldenInput) error { return WriteReportMarkdown(w, g.a) }},
	{"blocked.md", func(w *bytes.Buffer, g *goldenInput) error { return WriteBlockedMarkdown(w, g.a) }},
	{"blocked-by.md", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteHeldBackMarkdown(w, g.a, HeldBackOf(g.a, g.blocker.ID))
	}},
	{"critical.md", func(w *bytes.Buffer, g *goldenInput) error { return WriteCriticalMarkdown(w, g.a) }},
	// CSV.
	{"order.csv", func(w *bytes.Buffer, g *goldenInput) error { return WriteOrderCSV(w, g.a, g.a.Order(true)) }},
	{"blocked.csv", func(w *bytes.Buffer, g *goldenInput) error { return WriteBlockedCSV(w, g.a) }},
	{"blocked-by.csv", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteHeldBackCSV(w, g.a, HeldBackOf(g.a, g.blocker.ID))
	}},
	{"critical.csv", func(w *bytes.Buffer, g *goldenInput) error { return WriteCriticalCSV(w, g.a) }},
	{"schedule.csv", func(w *bytes.Buffer, g *goldenInput) error { return WriteScheduleCSV(w, g.a, g.sched, g.calendar) }},
	// JSON.
	{"plan.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteReportJSON(w, g.a) }},
	{"order.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteOrderJSON(w, g.a.Order(false)) }},
	{"ready.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteReadyJSON(w, g.a) }},
	{"blocked.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteBlockedJSON(w, g.a) }},
	{"blocked-by.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteJSON(w, HeldBackOf(g.a, g.blocker.ID)) }},
	{"critical.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteCriticalJSON(w, g.a) }},
	{"check.json", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteCheckJSON(w, len(g.a.Set.Packets), g.a.Problems, nil)
	}},
	{"estimate.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteEstimateJSON(w, g.est, g.calendar) }},
	{"schedule.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteScheduleJSON(w, g.sched, g.calendar) }},
	{"explain.json", func(w *bytes.Buffer, g *goldenInput) error { return WriteJSON(w, explainOf(g)) }},
	// GitHub workflow commands.
	{"check.github", func(w *bytes.Buffer, g *goldenInput) error { return WriteAnnotations(w, g.a.Problems, nil, "") }},
	// Pictures: the Mermaid flowchart and Gantt chart, and DOT.
	{"flowchart.mmd", func(w *bytes.Buffer, g *goldenInput) error {
		_, err := WriteFlowchart(w, g.a, false)
		return err
	}},
	{"flowchart-all-edges.mmd", func(w *bytes.Buffer, g *goldenInput) error {
		_, err := WriteFlowchart(w, g.a, true)
		return err
	}},
	{"schedule.mmd", func(w *bytes.Buffer, g *goldenInput) error { return WriteScheduleMermaid(w, g.a, g.sched, g.calendar) }},
	{"graph.dot", func(w *bytes.Buffer, g *goldenInput) error {
		return graph.WriteDOT(w, g.a.Graph, g.a.PictureOptions(false))
	}},
	// The HTML report (its graph is drawn by dot, outside this package:
	// the page says it was not drawn).
	{"report.html", func(w *bytes.Buffer, g *goldenInput) error {
		return WriteHTML(w, g.a, HTMLInput{Title: "Plan: " + g.folder, Today: "2026-12-01", Calendar: g.calendar,
			Estimate: g.teamEst, Schedule: g.sched, GraphNote: "Not drawn in this test."})
	}},
}

// explainOf is plan explain's record for the first packet's file.
func explainOf(g *goldenInput) Explain {
	src, err := os.ReadFile(g.first.File)
	if err != nil {
		panic(err) // the folder was just read
	}
	return BuildExplain(g.first.File, parser.Explain(g.first.File, src), g.first, g.a)
}

// loadGolden reads a folder of the repository's testdata (the working
// directory is testdata, so files are named as plan names them there) and
// computes what every renderer reads.
func loadGolden(t *testing.T, folder string) *goldenInput {
	t.Helper()
	set, ioErrs := parser.Load([]string{folder}, parser.Options{MaxFileSize: parser.DefaultMaxFileSize})
	require.Empty(t, ioErrs)
	a, err := Analyze(set)
	require.NoError(t, err)
	net := schedule.NetworkFromGraph(a.Graph)
	sim := schedule.SimOptions{Iterations: 2000, Seed: schedule.DefaultSeed, Percentiles: []float64{50, 80, 95}}
	est, err := net.Simulate(sim)
	require.NoError(t, err)
	sim.Team = 2
	teamEst, err := net.Simulate(sim)
	require.NoError(t, err)
	sched, err := net.ListSchedule(2)
	require.NoError(t, err)
	require.NoError(t, sched.AssignSprints(5))
	g := &goldenInput{folder: folder, a: a, est: est, teamEst: teamEst, sched: sched,
		calendar: NewCalendar(schedule.NewCalendar(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), nil))}
	packets := append([]*parser.Packet{}, set.Packets...)
	sort.Slice(packets, func(i, j int) bool { return packets[i].ID < packets[j].ID })
	g.first = packets[0]
	most := -1
	for _, p := range packets {
		if n := len(a.Graph.WaitingOn(p.ID)); n > most {
			g.blocker, most = p, n
		}
	}
	return g
}

// TestRenderersGolden calls every renderer on the analysis of each folder
// of goldenFolders and compares the bytes with
// testdata/FOLDER/NAME; a JSON document must also pass its schema, and
// a picture must render (renders). Run go test ./cmd/plan/internal/report -run
// TestRenderersGolden -update to rewrite them, then read the diff line by
// line: a changed byte is a changed output.
func TestRenderersGolden(t *testing.T) {
	pkg, err := os.Getwd()
	require.NoError(t, err)
	schemas, err := schematest.Compile()
	require.NoError(t, err)
	t.Chdir(filepath.Join("..", "..", "..", "..", "testdata"))
	for _, folder := range goldenFolders {
		t.Run(folder, func(t *testing.T) {
			g := loadGolden(t, folder)
			for _, r := range goldenRenderers {
				t.Run(r.name, func(t *testing.T) {
					var got bytes.Buffer
					require.NoError(t, r.write(&got, g))
					require.NotEmpty(t, got.String())
					// A second run prints the same bytes.
					var again bytes.Buffer
					require.NoError(t, r.write(&again, g))
					require.Equal(t, got.String(), again.String(), "the same analysis printed twice differs")
					path := filepath.Join(pkg, "testdata", folder, r.name)
					if *update {
						require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
						require.NoError(t, os.WriteFile(path, got.Bytes(), 0o644))
						return
					}
					renders(t, r.name, got.Bytes())
					if name, ok := strings.CutSuffix(r.name, ".json"); ok {
						// Each JSON document is named after its schema.
						require.Contains(t, schemas, name)
						assert.NoError(t, schematest.Validate(schemas[name], got.Bytes()), "%s against %s.schema.json", r.name, name)
					}
					want, err := os.ReadFile(path)
					require.NoError(t, err, "missing golden file; run go test ./cmd/plan/internal/report -run TestRenderersGolden -update")
					assert.Equal(t, string(want), got.String(), "%s of %s differs from %s; if the change is intended, rerun with -update and read the diff", r.name, folder, path)
				})
			}
		})
	}
}

// renders checks that a picture is one its program draws: DOT with
// Graphviz's dot, Mermaid with the real parser under testdata/mermaid
// (the working directory is testdata). Each check is skipped when its
// program is not installed.
func renders(t *testing.T, name string, chart []byte) {
	t.Helper()
	var cmd *exec.Cmd
	switch filepath.Ext(name) {
	case ".dot":
		dot, err := exec.LookPath("dot")
		if err != nil {
			t.Log("Graphviz's dot is not on PATH: the DOT picture is not drawn")
			return
		}
		cmd = exec.Command(dot, "-Tsvg", "-o", os.DevNull)
	case ".mmd":
		node, err := exec.LookPath("node")
		if _, serr := os.Stat(filepath.Join("mermaid", "node_modules", "mermaid")); err != nil || serr != nil {
			t.Log("node or Mermaid is not installed (npm ci --prefix testdata/mermaid): the chart is not parsed")
			return
		}
		typ := "flowchart"
		if strings.HasPrefix(string(chart), "gantt") {
			typ = "gantt"
		}
		cmd = exec.Command(node, filepath.Join("mermaid", "check.mjs"), "--type", typ)
	default:
		return
	}
	cmd.Stdin = bytes.NewReader(chart)
	out, err := cmd.CombinedOutput()
	assert.NoError(t, err, "%s does not render: %s", name, out)
}

// TestConfigGolden shows plan config's table and JSON document for the
// tickets dialect's plan.yaml with --team 4 given, as plan config --team
// 4 dialects/tickets prints them (testdata/config.txt and config.json).
func TestConfigGolden(t *testing.T) {
	pkg, err := os.Getwd()
	require.NoError(t, err)
	schemas, err := schematest.Compile()
	require.NoError(t, err)
	t.Chdir(filepath.Join("..", "..", "..", "..", "testdata"))
	file := filepath.Join("dialects", "tickets", "plan.yaml")
	c, err := parser.ReadConfig(file)
	require.NoError(t, err)
	r := BuildConfigReport(c, "found", map[string]string{"team": "4"}, map[string]string{"seed": "20260101"})
	var text, js bytes.Buffer
	require.NoError(t, WriteConfigText(&text, r))
	require.NoError(t, WriteJSON(&js, r))
	assert.NoError(t, schematest.Validate(schemas["config"], js.Bytes()), "config.json against config.schema.json")
	for name, got := range map[string][]byte{"config.txt": text.Bytes(), "config.json": js.Bytes()} {
		path := filepath.Join(pkg, "testdata", name)
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
			continue
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "missing golden file; run go test ./cmd/plan/internal/report -run TestConfigGolden -update")
		assert.Equal(t, string(want), string(got), "%s differs; if the change is intended, rerun with -update and read the diff", name)
	}
}
