package change

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/cmd/plan/internal/help/schematest"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares got with testdata/name, or rewrites it with -update.
// The working directory is the test's repository, so the path is taken
// from the package directory remembered at start.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(pkgDir, "testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create it")
	assert.Equal(t, string(want), string(got))
}

var pkgDir, _ = os.Getwd()

var sim = schedule.SimOptions{Iterations: 2000, Seed: 7}

func TestDiffStory(t *testing.T) {
	_, commits := storyRepo(t)
	d, ioErrs, err := DiffWorkingTree(DiffOptions{Rev: commits[0], Paths: []string{"packets"}, Forecast: true, Sim: sim})
	require.NoError(t, err)
	require.Empty(t, ioErrs)

	assert.Equal(t, []string{"A-001"}, d.Completed)
	require.Len(t, d.Added, 1)
	assert.Equal(t, "E-005", d.Added[0].ID)
	assert.Equal(t, []FieldChange{{ID: "C-003", From: "4d", To: "6d"}}, d.Effort)
	assert.Equal(t, []FieldChange{{ID: "D-004", From: filepath.Join("packets", "d.md"), To: filepath.Join("packets", "D-004-docs.md")}}, d.Renamed)
	assert.Empty(t, d.Removed, "a renamed file is not a removed packet")
	assert.Equal(t, []Dependency{{Packet: "B-002", On: "E-005"}}, d.DepsAdded)
	assert.Equal(t, []string{"B-002 E-005"}, d.CyclesIntroduced)
	assert.Empty(t, d.CyclesResolved)

	var text, md, js bytes.Buffer
	require.NoError(t, WriteDiff(&text, d, "text"))
	require.NoError(t, WriteDiff(&md, d, "markdown"))
	require.NoError(t, WriteDiff(&js, d, "json"))
	assert.True(t, strings.HasPrefix(js.String(), "{\n  \"schema_version\": 1,\n"), "the diff's JSON starts with its schema_version")
	schemas, err := schematest.Compile()
	require.NoError(t, err)
	assert.NoError(t, schematest.Validate(schemas["diff"], js.Bytes()), "the diff's JSON against diff.schema.json")
	noVersion := strings.Replace(js.String(), `"schema_version": 1,`, "", 1)
	assert.Error(t, schematest.Validate(schemas["diff"], []byte(noVersion)), "the schema requires schema_version")
	// The commit hashes change with every run's repository; the golden
	// files show them as placeholders.
	hide := func(b []byte) []byte {
		s := strings.ReplaceAll(b2s(b), commits[0], "<commit1>")
		return []byte(strings.ReplaceAll(s, commits[0][:7], "<c1>"))
	}
	golden(t, "diff-first.txt", hide(text.Bytes()))
	golden(t, "diff-first.md", hide(md.Bytes()))
	golden(t, "diff-first.json", hide(js.Bytes()))
	for _, l := range strings.Split(text.String(), "\n") {
		assert.LessOrEqual(t, textWidth(l), 80, "line too wide: %q", l)
	}
}

func b2s(b []byte) string { return string(b) }

func TestDiffReopened(t *testing.T) {
	_, commits := storyRepo(t)
	d, _, err := DiffWorkingTree(DiffOptions{Rev: "HEAD~1", Paths: []string{"packets"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"C-003"}, d.Reopened)
	assert.Empty(t, d.Completed)
	assert.Equal(t, commits[4], d.Old.Commit)
	assert.Equal(t, "HEAD~1", d.Old.Rev)
}

func TestDiffDefaultBaseIsHEADOnMain(t *testing.T) {
	r, commits := storyRepo(t)
	d, _, err := DiffWorkingTree(DiffOptions{Paths: []string{"packets"}})
	require.NoError(t, err)
	assert.Equal(t, commits[5], d.Old.Commit)
	assert.Equal(t, "HEAD", d.Old.Rev)

	// On a branch, the default is the merge base with main.
	r.git("", "stash", "-q", "-u")
	r.git("", "checkout", "-q", "-b", "feature")
	r.write("packets/F-006.md", packet("F-006", "Feature", notStarted, "1 day"))
	r.commit("2026-11-13", "F-006")
	d, _, err = DiffWorkingTree(DiffOptions{Paths: []string{"packets"}})
	require.NoError(t, err)
	assert.Equal(t, commits[5], d.Old.Commit)
	assert.Equal(t, "merge-base with main", d.Old.Rev)
	require.Len(t, d.Added, 1)
	assert.Equal(t, "F-006", d.Added[0].ID)
}

func TestHistoryStory(t *testing.T) {
	_, commits := storyRepo(t)
	r, err := NewReader([]string{"packets"}, parser.Options{})
	require.NoError(t, err)
	defer r.Close()
	v, err := r.ReadVersions(time.Time{})
	require.NoError(t, err)
	require.Len(t, v.Commits, 6)
	// Every version of every file is read once: 4 + 1 + 2 + 0 (a rename
	// moves a blob) + 1 + 0 (C's text at commit 6 is that of commit 3).
	assert.Equal(t, 8, r.BlobReads())

	points, err := History(v, HistoryOptions{Forecast: true, Sim: sim})
	require.NoError(t, err)
	require.Len(t, points, 6)
	assert.Equal(t, Counts{NotStarted: 3, InProgress: 1}, points[0].Counts)
	assert.Equal(t, Counts{NotStarted: 2, Complete: 2}, points[4].Counts)
	assert.Equal(t, Counts{NotStarted: 2, InProgress: 1, Complete: 1}, points[5].Counts)

	var text, csv, svg, js bytes.Buffer
	require.NoError(t, WriteHistory(&text, points, "text", true))
	require.NoError(t, WriteHistory(&csv, points, "csv", true))
	require.NoError(t, WriteHistory(&svg, points, "svg", true))
	require.NoError(t, WriteHistory(&js, points, "json", true))
	schemas, err := schematest.Compile()
	require.NoError(t, err)
	assert.NoError(t, schematest.Validate(schemas["history"], js.Bytes()), "the history's JSON against history.schema.json")
	hide := func(b []byte) []byte {
		s := b2s(b)
		for i, c := range commits {
			s = strings.ReplaceAll(s, c, "<commit"+string(rune('1'+i))+">")
			s = strings.ReplaceAll(s, c[:7], "<c"+string(rune('1'+i))+">  ")
		}
		return []byte(s)
	}
	golden(t, "history.txt", hide(text.Bytes()))
	golden(t, "history.csv", hide(csv.Bytes()))
	golden(t, "history.svg", svg.Bytes())
	golden(t, "history.json", hide(js.Bytes()))
	for _, l := range strings.Split(text.String(), "\n") {
		assert.LessOrEqual(t, textWidth(l), 80, "line too wide: %q", l)
	}

	weekly, err := History(v, HistoryOptions{Weekly: true})
	require.NoError(t, err)
	require.Len(t, weekly, 2, "two ISO weeks")
	assert.Equal(t, commits[1], weekly[0].Commit, "the last commit of the first week")
	assert.Equal(t, commits[5], weekly[1].Commit, "the last commit of the second week")

	since, err := r.ReadVersions(time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Len(t, since.Commits, 3)
}

// TestCalibrationStory checks the ratios against the story's dates by hand:
// A-001 was in progress from Wed 4 Nov and complete on Mon 9 Nov: 3
// working days on an estimate of 2, ratio 1.5. C-003 was in progress from
// its first commit, Mon 2 Nov, to Wed 11 Nov: 7 working days on the 6 it
// was estimated at when it was completed, ratio 7/6.
func TestCalibrationStory(t *testing.T) {
	_, _ = storyRepo(t)
	c, err := GitCalibration([]string{"packets"}, parser.Options{}, nil)
	require.NoError(t, err)
	require.Len(t, c.Evidence, 2)
	assert.Equal(t, "A-001", c.Evidence[0].ID)
	assert.Equal(t, 3.0, c.Evidence[0].Days)
	assert.InDelta(t, 1.5, c.Evidence[0].Ratio, 1e-12)
	assert.Equal(t, "C-003", c.Evidence[1].ID)
	assert.Equal(t, 7.0, c.Evidence[1].Days)
	assert.InDelta(t, 7.0/6, c.Evidence[1].Ratio, 1e-12)
	assert.False(t, c.Enough(), "two packets are too few to scale a forecast")
}

// TestCalibrationActualWins: a packet's Actual Effort line is its evidence,
// not the elapsed days between its commits.
func TestCalibrationActualWins(t *testing.T) {
	r := newRepo(t)
	r.write("p/A-001.md", packet("A-001", "A", inProgress, "2 days"))
	r.commit("2026-11-02", "A started")
	done := packet("A-001", "A", complete, "2 days") + "**Actual Effort**: 5 days\n"
	r.write("p/A-001.md", done)
	r.commit("2026-11-03", "A done")
	cur, errs := parser.Load([]string{"p"}, parser.Options{})
	require.Empty(t, errs)
	require.NotNil(t, cur.Packets[0].Actual, "the fixture records an actual effort")
	c, err := GitCalibration([]string{"p"}, parser.Options{}, cur.Packets)
	require.NoError(t, err)
	require.Len(t, c.Evidence, 1)
	assert.Equal(t, "actual", c.Evidence[0].Source)
	assert.InDelta(t, 2.5, c.Evidence[0].Ratio, 1e-12)
}

// TestCalibrationFiveAcrossAWeekend: five packets, each started on a
// Friday and finished on the next Tuesday: 2 working days (the weekend is
// not counted) on estimates of 1, 2, 4, 1 and 2 days.
func TestCalibrationFiveAcrossAWeekend(t *testing.T) {
	r := newRepo(t)
	ids := []string{"A-001", "B-002", "C-003", "D-004", "E-005"}
	est := []string{"1 day", "2 days", "4 days", "1 day", "2 days"}
	for i, id := range ids {
		r.write("p/"+id+".md", packet(id, id, inProgress, est[i]))
	}
	r.commit("2026-11-06", "all started")
	for i, id := range ids {
		r.write("p/"+id+".md", packet(id, id, complete, est[i]))
	}
	r.commit("2026-11-10", "all done")
	c, err := GitCalibration([]string{"p"}, parser.Options{}, nil)
	require.NoError(t, err)
	require.True(t, c.Enough())
	assert.Equal(t, []float64{2, 1, 0.5, 2, 1}, c.Ratios())
}

func TestGitErrors(t *testing.T) {
	_, _ = storyRepo(t)
	kind := func(err error) gitrev.Kind {
		var ge *gitrev.Error
		require.ErrorAs(t, err, &ge)
		return ge.Kind
	}
	_, _, err := DiffWorkingTree(DiffOptions{Rev: "no-such-branch", Paths: []string{"packets"}})
	assert.Equal(t, gitrev.BadRev, kind(err))
	assert.Contains(t, err.Error(), "no-such-branch")

	outside := t.TempDir()
	_, _, err = DiffWorkingTree(DiffOptions{Rev: "HEAD", Paths: []string{"packets", outside}})
	assert.Equal(t, gitrev.OutsideRepo, kind(err))
	assert.Contains(t, err.Error(), "is not inside the repository")
	_, _, err = DiffWorkingTree(DiffOptions{Rev: "HEAD", Paths: []string{outside}})
	assert.Equal(t, gitrev.NotRepo, kind(err), "the repository is looked for from the first path")
}

// TestDiffFromOutside: the repository is the one holding PATH, wherever
// plan runs.
func TestDiffFromOutside(t *testing.T) {
	r, commits := storyRepo(t)
	t.Chdir(filepath.Dir(r.dir))
	d, _, err := DiffWorkingTree(DiffOptions{Rev: commits[0], Paths: []string{filepath.Join(filepath.Base(r.dir), "packets")}})
	require.NoError(t, err)
	assert.Equal(t, []string{"A-001"}, d.Completed)
	assert.Empty(t, d.Removed, "the same files, named from here, at both versions")
}

func TestGitNotARepo(t *testing.T) {
	if _, err := os.Stat("/usr/bin/git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Chdir(dir)
	_, _, err := DiffWorkingTree(DiffOptions{Rev: "HEAD"})
	var ge *gitrev.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, gitrev.NotRepo, ge.Kind)
}

func TestGitShallowClone(t *testing.T) {
	r, _ := storyRepo(t)
	clone := filepath.Join(t.TempDir(), "clone")
	r.git("", "clone", "-q", "--depth", "1", "file://"+r.dir, clone)
	t.Chdir(clone)
	_, _, err := DiffWorkingTree(DiffOptions{Rev: "HEAD~3", Paths: []string{"packets"}})
	var ge *gitrev.Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, gitrev.Shallow, ge.Kind)
	assert.Contains(t, ge.Hint, "fetch-depth: 0")
}

func TestFailOn(t *testing.T) {
	_, commits := storyRepo(t)
	d, _, err := DiffWorkingTree(DiffOptions{Rev: commits[0], Paths: []string{"packets"}, Forecast: true, Sim: sim})
	require.NoError(t, err)
	for _, c := range []struct {
		spec string
		want int
	}{
		{"cycle", 1},
		{"error", 0},
		{"forecast:+5d", 0},
		{"forecast:+1d", 1}, // P80 moved +1.2d
		{"cycle,error,forecast:+0.5d", 2},
	} {
		t.Run(c.spec, func(t *testing.T) {
			f, err := ParseFailOn(c.spec)
			require.NoError(t, err)
			assert.Len(t, d.Violations(f), c.want)
		})
	}
	for _, bad := range []string{"cycles", "forecast:soon", "forecast:-3d"} {
		_, err := ParseFailOn(bad)
		assert.Error(t, err, bad)
	}
}

func TestCalibrationText(t *testing.T) {
	c := &Calibration{Evidence: []Evidence{{ID: "A", Source: "git", Ratio: 1.5}, {ID: "B", Source: "actual", Ratio: 0.5}}, SameDay: 1}
	var b bytes.Buffer
	require.NoError(t, WriteCalibrationText(&b, c))
	assert.Equal(t, `Calibration from git: 2 packet(s), 1 from status changes in git, 1 from Actual Effort lines
  1 packet(s) started and finished on one working day: left out
  actual/estimate ratio: P10 0.60, P50 1.00, P90 1.40
  fewer than 5 packets: the forecast is not scaled
`, b.String())
}
