package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reportEpoch is 2026-12-01, a Tuesday: the day the test pages are made.
const reportEpoch = "1796083200"

// runReportPage runs plan report with args and returns the page and the
// standard error. The run must succeed.
func runReportPage(t *testing.T, args ...string) (page, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"report"}, args...), nil, &out, &errb)
	require.Equal(t, 0, code, "plan report %v: %s", args, errb.String())
	return out.String(), errb.String()
}

// TestReportGolden compares the page for testdata/example, drawn without
// Graphviz so that the bytes do not depend on its version, with
// testdata/report/example.golden.html. Run
// go test ./cmd/plan -run TestReportGolden -update to rewrite it, then
// read the diff and look at the page.
func TestReportGolden(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	t.Setenv("PATH", "") // no dot: the graph section says so
	t.Chdir(filepath.Join("..", "..", "testdata"))
	page, stderr := runReportPage(t, "--team", "2", "example")
	assert.Contains(t, stderr, "plan: warning: report: Graphviz 'dot' is not on PATH: the page has no dependency graph")
	assert.Contains(t, page, "Not drawn: Graphviz (dot) was not found on PATH")
	golden := filepath.Join("report", "example.golden.html")
	if *update {
		require.NoError(t, os.MkdirAll("report", 0o755))
		require.NoError(t, os.WriteFile(golden, []byte(page), 0o644))
		return
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err, "missing golden file; run go test ./cmd/plan -run TestReportGolden -update")
	assert.Equal(t, string(want), page, "plan report example differs from %s; if the change is intended, rerun with -update and read the diff", golden)

	again, _ := runReportPage(t, "--team", "2", "example")
	assert.Equal(t, page, again, "the same packets must give the same page")
}

// TestReportContents checks what a meeting reads off the example's page.
func TestReportContents(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	t.Setenv("PATH", "")
	t.Chdir(filepath.Join("..", "..", "testdata"))
	page, _ := runReportPage(t, "--team", "2", "example")
	for _, want := range []string{
		"<h1>Plan: example</h1>",
		"As of 2026-12-01.",
		"<h2>Ready now (2)</h2>",
		`<tr class="crit"><td class="id">FE-DESIGN-001</td><td>P0 (P1 in file)</td>`,
		"<h2>Blocked (9)</h2>",
		`<td>BE-CATALOG-001, Payment provider account (external)</td><td><span class="tag ext">blocked by external</span>`,
		`<td class="id">BE-CACHE-001</td><td>Edge Cache</td><td class="num">1-2d</td><td>BE-CATALOG-001</td><td><span class="tag wait">waits on earlier packets</span>`,
		"15 days expected (optimistic 11.6, pessimistic 19)",
		"Monte Carlo simulation with a team of 2: 10000 runs",
		"that gap is team capacity (packets wait for someone free).",
		`aria-label="Histogram of simulated finish times"`,
		`aria-label="S-curve: chance of finishing by each day"`,
		"Team of 2: 20.5 working days (lower bound 19.8), finishes 2026-12-29",
		`aria-label="Team schedule: one bar per packet, grouped by person"`,
		`<text x="6" y="48" text-anchor="start" class="person">Person 1</text>`,
		"6.2d, waits on an external",
	} {
		assert.Contains(t, page, want)
	}
	assert.NotContains(t, page, "<script", "the page needs no script")
	assert.NotContains(t, page, "http://", "the page loads nothing")
	assert.NotContains(t, page, "https://", "the page loads nothing")

	// Without a team the forecast says so plainly and there is no chart.
	page, _ = runReportPage(t, "example")
	assert.Contains(t, page, "Monte Carlo simulation with unlimited people (no team given)")
	assert.Contains(t, page, "that gap is the merge bias (parallel paths that merge only ever delay).")
	assert.Contains(t, page, "No team given, so no schedule: pass --team N or set team: in plan.yaml.")
	assert.NotContains(t, page, "grouped by person")
}

// TestReportWellFormed parses the whole page as XML: the template writes
// it well-formed (void elements closed), so a stray quote, an unescaped
// title or a broken SVG shows up as a parse error. With Graphviz the
// graph's SVG is checked too.
func TestReportWellFormed(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	t.Chdir(filepath.Join("..", "..", "testdata"))
	page, _ := runReportPage(t, "--team", "3", "example")
	svgs := parseXML(t, page)
	want := 3 // histogram, S-curve, Gantt
	if _, err := exec.LookPath("dot"); err == nil {
		want++
		assert.Contains(t, page, `<svg class="graph" role="img" aria-label="Dependency graph"`)
		assert.Contains(t, page, "<title>BE-PAY-001</title>")
		assert.NotContains(t, page, "<!--", "dot's comments (its version) stay out of the page")
		again, _ := runReportPage(t, "--team", "3", "example")
		assert.Equal(t, page, again, "the same packets must give the same page, graph included")
	}
	assert.Equal(t, want, svgs)
}

// parseXML parses page strictly as XML and returns how many svg elements
// it holds.
func parseXML(t *testing.T, page string) int {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(page))
	svgs := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err, "the page is not well-formed")
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "svg" {
			svgs++
		}
	}
	return svgs
}

// TestReportHostileTitles: packet text that looks like markup stays text,
// in the tables, the charts' tooltips and labels and the graph that dot
// draws from it.
func TestReportHostileTitles(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	dir := t.TempDir()
	files := map[string]string{
		"A-001.md": "# A-001: `<script>alert(1)</script>` & \"quotes\"\n\n**Priority**: P1\n**Status**: Not Started\n**Estimated Effort**: 2 days\n",
		"B-001.md": "# B-001: `<img src=x onerror=alert(2)>` ]]><!-- \u202e\n\n**Priority**: P1\n**Status**: Not Started\n**Estimated Effort**: 3 days\n**Depends on**: A-001\n",
	}
	for name, text := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
	page, _ := runReportPage(t, "--team", "1", dir)
	parseXML(t, page)
	assert.NotContains(t, page, "<script")
	assert.NotContains(t, page, "<img")
	assert.NotContains(t, page, "\u202e", "a bidi override would reorder the page's text")
	assert.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;quotes&#34;")
}

// TestReportOutputFile: -o writes the page to a file and says so; a file
// that cannot be written is an error naming it.
func TestReportOutputFile(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	t.Setenv("PATH", "")
	example, err := filepath.Abs(filepath.Join("..", "..", "testdata", "example"))
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "plan.html")
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"report", example, "-o", out}, nil, &stdout, &stderr), stderr.String())
	assert.Empty(t, stdout.String())
	assert.Contains(t, stderr.String(), "plan: wrote "+out)
	data, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.True(t, bytes.HasPrefix(data, []byte("<!DOCTYPE html>")))

	// Written again over the old page.
	require.Equal(t, 0, run([]string{"report", example, "-o", out}, nil, &stdout, &stderr), stderr.String())

	stderr.Reset()
	bad := filepath.Join(t.TempDir(), "no", "such", "plan.html")
	assert.Equal(t, 2, run([]string{"report", example, "-o", bad}, nil, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "plan: error: -o "+bad+": no such file or directory")
}

// TestReportInChromium renders the pages of the example and (when present)
// the codex corpus in headless Chromium and checks that a picture came
// out: a PNG of the window's size with dark pixels (text) and the report's
// blue (the critical path) in it. Set PLAN_SCREENSHOTS to a folder to keep
// the PNGs and look at them. Skips without Chromium.
func TestReportInChromium(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("no Chromium on PATH")
	}
	if testing.Short() {
		t.Skip("a browser run takes seconds")
	}
	t.Setenv("SOURCE_DATE_EPOCH", reportEpoch)
	folders := map[string]string{"example": filepath.Join("..", "..", "testdata", "example")}
	corpus := filepath.Join("..", "..", "..", "shared", "corpora", "codex-work-packets")
	if _, err := os.Stat(corpus); err == nil {
		folders["codex"] = corpus
	}
	keep := os.Getenv("PLAN_SCREENSHOTS")
	for name, folder := range folders {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			if keep != "" {
				dir = keep
			}
			html := filepath.Join(dir, name+".html")
			shot := filepath.Join(dir, name+".png")
			os.Remove(shot)
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, run([]string{"report", "--team", "3", folder, "-o", html}, nil, &stdout, &stderr), stderr.String())
			abs, err := filepath.Abs(html)
			require.NoError(t, err)
			cmd := exec.Command(chromium, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
				"--user-data-dir="+t.TempDir(), "--screenshot="+shot, "--window-size=1200,3000", "file://"+abs)
			outb, err := cmd.CombinedOutput()
			require.NoError(t, err, "chromium: %s", outb)
			f, err := os.Open(shot)
			require.NoError(t, err, "chromium wrote no screenshot: %s", outb)
			defer f.Close()
			img, err := png.Decode(f)
			require.NoError(t, err)
			assert.Equal(t, image.Rect(0, 0, 1200, 3000), img.Bounds())
			var dark, blue int
			b := img.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y += 2 {
				for x := b.Min.X; x < b.Max.X; x += 2 {
					r, g, bl, _ := img.At(x, y).RGBA()
					r, g, bl = r>>8, g>>8, bl>>8
					if r < 80 && g < 80 && bl < 80 {
						dark++
					}
					if r < 40 && g < 40 && bl > 160 {
						blue++
					}
				}
			}
			assert.Greater(t, dark, 5000, "the page shows no text")
			assert.Greater(t, blue, 200, "the critical path's blue is not drawn")
		})
	}
}
