package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/change"
	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// exampleRepo makes a git repository in a temporary folder, changes into
// it and returns it: the example folder under packets/, committed, then
// FE-DESIGN-001 completed in a second commit, and in the working tree a
// new packet that requires itself (a cycle). It skips the test without
// git.
func exampleRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	require.NoError(t, copyTree(filepath.Join("..", "..", "testdata", "example"), filepath.Join(repo, "packets")))
	gitRun := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %s: %s", strings.Join(args, " "), out)
	}
	gitRun("init", "-q")
	gitRun("add", ".")
	gitRun("commit", "-q", "-m", "packets")
	f := filepath.Join(repo, "packets", "frontend", "FE-DESIGN-001-design-system.md")
	data, err := os.ReadFile(f)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, bytes.Replace(data, []byte("🏗️ In Progress"), []byte("✅ Complete"), 1), 0o644))
	gitRun("commit", "-q", "-am", "design done")
	require.NoError(t, os.WriteFile(filepath.Join(repo, "packets", "NEW-001-new.md"), []byte("# NEW-001: New\n\n**Status**: 🚧 Not Started\n\n## Dependencies\n\n| Dependency | Status | Description |\n|---|---|---|\n| NEW-001 | 🚧 Not Started | a cycle |\n"), 0o644))
	t.Chdir(repo)
	return repo
}

// TestRunGitCommands calls runDiff and runHistory with options structs and
// buffers, as the flags fill them, and checks that they print what the
// command line prints and fail as it does.
func TestRunGitCommands(t *testing.T) {
	exampleRepo(t)
	load := parser.Options{MaxFileSize: parser.DefaultMaxFileSize}
	sim := schedule.SimOptions{Seed: schedule.DefaultSeed, Iterations: 300}
	failOn, err := change.ParseFailOn("cycle")
	require.NoError(t, err)
	tests := []struct {
		name     string
		args     []string
		run      func(e *streams) error
		wantCode int
	}{
		{"diff HEAD~1 packets", []string{"diff", "--iterations", "300", "HEAD~1", "packets"}, func(e *streams) error {
			return runDiff(e, diffOptions{rev: "HEAD~1", paths: []string{"packets"}, format: "text", load: load, sim: sim})
		}, 0},
		{"diff --format markdown packets", []string{"diff", "--iterations", "300", "--format", "markdown", "packets"}, func(e *streams) error {
			return runDiff(e, diffOptions{paths: []string{"packets"}, format: "markdown", load: load, sim: sim})
		}, 0},
		{"diff --json --fail-on cycle", []string{"diff", "--iterations", "300", "--json", "--fail-on", "cycle", "HEAD", "packets"}, func(e *streams) error {
			return runDiff(e, diffOptions{rev: "HEAD", paths: []string{"packets"}, format: "json", failOn: failOn, load: load, sim: sim})
		}, 1},
		{"diff of a revision that is none", []string{"diff", "no-such-rev", "packets"}, func(e *streams) error {
			return runDiff(e, diffOptions{rev: "no-such-rev", paths: []string{"packets"}, format: "text", load: load, sim: schedule.SimOptions{Seed: schedule.DefaultSeed, Iterations: schedule.DefaultIterations}})
		}, 2},
		{"history packets", []string{"history", "--iterations", "300", "packets"}, func(e *streams) error {
			return runHistory(e, historyOptions{paths: []string{"packets"}, format: "text", load: load, hist: change.HistoryOptions{Forecast: true, Sim: sim}})
		}, 0},
		{"history --format csv --every week", []string{"history", "--iterations", "300", "--format", "csv", "--every", "week", "packets"}, func(e *streams) error {
			return runHistory(e, historyOptions{paths: []string{"packets"}, format: "csv", load: load, hist: change.HistoryOptions{Weekly: true, Forecast: true, Sim: sim}})
		}, 0},
		{"history --format json", []string{"history", "--iterations", "300", "--format", "json", "packets"}, func(e *streams) error {
			return runHistory(e, historyOptions{paths: []string{"packets"}, format: "json", load: load, hist: change.HistoryOptions{Forecast: true, Sim: sim}})
		}, 0},
		{"history --format svg", []string{"history", "--iterations", "300", "--format", "svg", "packets"}, func(e *streams) error {
			return runHistory(e, historyOptions{paths: []string{"packets"}, format: "svg", load: load, hist: change.HistoryOptions{Forecast: true, Sim: sim}})
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			e := &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
			code := e.finish(tt.run(e))
			wantCode, wantOut, wantErr := runPlan(tt.args...)
			assert.Equal(t, tt.wantCode, code, errOut.String())
			assert.Equal(t, wantCode, code)
			if tt.wantCode < 2 {
				assert.NotEmpty(t, out.String())
			}
			assert.Equal(t, wantOut, out.String())
			assert.Equal(t, wantErr, errOut.String())
		})
	}
}
