package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
	"github.com/workpackets/plan/schedule"
)

// TestRunFunctions calls each command's cobra-free runX with an options
// struct and buffers, as the flags would fill it, and checks that it
// prints what the command line prints for the same request.
func TestRunFunctions(t *testing.T) {
	example := filepath.Join("..", "..", "testdata", "example")
	load := loadOptions{maxFileSize: parser.DefaultMaxFileSize}
	tests := []struct {
		name string
		args []string
		run  func(e *streams) error
	}{
		{"plan", []string{example}, func(e *streams) error {
			return runRoot(e, rootOptions{paths: []string{example}, load: load, format: "text"})
		}},
		{"plan --format mermaid", []string{"--format", "mermaid", example}, func(e *streams) error {
			return runRoot(e, rootOptions{paths: []string{example}, load: load, format: "mermaid"})
		}},
		{"order --all --format csv", []string{"order", "--all", "--format", "csv", example}, func(e *streams) error {
			return runOrder(e, orderOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "csv"}, all: true})
		}},
		{"ready --json", []string{"ready", "--json", example}, func(e *streams) error {
			return runReady(e, readyOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "json"}})
		}},
		{"blocked --format markdown", []string{"blocked", "--format", "markdown", example}, func(e *streams) error {
			return runBlocked(e, blockedOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "markdown"}})
		}},
		{"critical", []string{"critical", example}, func(e *streams) error {
			return runCritical(e, criticalOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "text"}})
		}},
		{"explain --json BE-PAY-001", []string{"explain", "--json", "BE-PAY-001", example}, func(e *streams) error {
			return runExplain(e, explainOptions{target: "BE-PAY-001", queryOptions: queryOptions{paths: []string{example}, load: load, format: "json"}})
		}},
		{"estimate --iterations 200 --json", []string{"estimate", "--iterations", "200", "--json", example}, func(e *streams) error {
			sim := schedule.SimOptions{Iterations: 200, Seed: schedule.DefaultSeed, Percentiles: []float64{50, 80, 95}}
			return runEstimate(e, estimateOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "json"}, sim: sim})
		}},
		{"schedule --team 2 --sprint 5", []string{"schedule", "--team", "2", "--sprint", "5", example}, func(e *streams) error {
			return runSchedule(e, scheduleOptions{queryOptions: queryOptions{paths: []string{example}, load: load, format: "text"}, team: 2, sprint: 5})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			require.NoError(t, tt.run(&streams{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}))
			code, wantOut, wantErr := runPlan(tt.args...)
			require.Equal(t, 0, code, wantErr)
			assert.NotEmpty(t, out.String())
			assert.Equal(t, wantOut, out.String())
			assert.Equal(t, wantErr, errOut.String())
		})
	}

	t.Run("check --strict on the cycles folder fails as the command line does", func(t *testing.T) {
		cycles := filepath.Join("..", "..", "testdata", "cycles")
		var out, errOut bytes.Buffer
		e := &streams{stdout: &out, stderr: &errOut}
		code := e.finish(runCheck(e, checkOptions{queryOptions: queryOptions{paths: []string{cycles}, load: load, format: "text"}, strict: true}))
		wantCode, wantOut, wantErr := runPlan("check", "--strict", cycles)
		assert.Equal(t, 1, code)
		assert.Equal(t, wantCode, code)
		assert.Equal(t, wantOut, out.String())
		assert.Equal(t, wantErr, errOut.String())
	})

	t.Run("blocked --by an unknown ID is a usage error", func(t *testing.T) {
		var out, errOut bytes.Buffer
		err := runBlocked(&streams{stdout: &out, stderr: &errOut}, blockedOptions{queryOptions: queryOptions{paths: []string{example}, load: load}, by: "NOPE-1"})
		var ee *exitError
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, kindUsage, ee.kind)
		assert.Equal(t, `no packet with ID "NOPE-1"`, ee.msg)
		assert.Empty(t, out.String())
	})
}
