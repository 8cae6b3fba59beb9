package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestRunFileCommands calls the cobra-free runX of the commands that write
// files (sync) with an options struct and buffers, as the flags would
// fill it, and checks that each prints, exits and writes as the command
// line does for the same request on a copy of the same folder.
func TestRunFileCommands(t *testing.T) {
	load := loadOptions{maxFileSize: parser.DefaultMaxFileSize}
	tests := []struct {
		name string
		args []string
		run  func(e *streams, dir string) error
	}{
		{"sync", []string{"sync"}, func(e *streams, dir string) error {
			return runSync(e, syncOptions{paths: []string{dir}, load: load})
		}},
		{"sync --dry-run", []string{"sync", "--dry-run"}, func(e *streams, dir string) error {
			return runSync(e, syncOptions{paths: []string{dir}, load: load, dryRun: true})
		}},
		{"sync --check", []string{"sync", "--check"}, func(e *streams, dir string) error {
			return runSync(e, syncOptions{paths: []string{dir}, load: load, check: true})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, file, _, _ := syncFixture(t, 0)
			var out, errOut bytes.Buffer
			e := &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
			code := e.finish(tt.run(e, dir))
			got, err := os.ReadFile(file)
			require.NoError(t, err)

			wantDir, wantFile, _, _ := syncFixture(t, 0)
			wantCode, wantOut, wantErr := runPlan(append(tt.args, wantDir)...)
			want, err := os.ReadFile(wantFile)
			require.NoError(t, err)
			assert.NotEmpty(t, errOut.String())
			assert.Equal(t, wantCode, code)
			assert.Equal(t, wantOut, strings.ReplaceAll(out.String(), dir, wantDir))
			assert.Equal(t, wantErr, strings.ReplaceAll(errOut.String(), dir, wantDir))
			assert.Equal(t, string(want), string(got), "the file is written as the command line writes it")
		})
	}
}

// TestRunNew calls runNew with an options struct and buffers and checks
// that it writes the packet the command line writes, and refuses as it
// does.
func TestRunNew(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764633600")
	load := loadOptions{maxFileSize: parser.DefaultMaxFileSize}
	dep := "# DEP-001: Content *Service*\n\n**Priority**: P1\n**Status**: ✅ Complete\n**Estimated Effort**: 1 day\n"
	folder := func() string {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "DEP-001.md"), []byte(dep), 0o644))
		return dir
	}
	dir, wantDir := folder(), folder()
	var out, errOut bytes.Buffer
	e := &streams{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}
	err := runNew(e, newOptions{id: "NEW-001", title: "Search  Service", paths: []string{dir}, load: load,
		requires: []string{"DEP-001"}, effort: "3-5d", priority: "high", dir: "."})
	require.NoError(t, err, errOut.String())
	code, wantOut, wantErr := runPlan("new", "NEW-001", "Search  Service", "--requires", "DEP-001", "--effort", "3-5d", "--priority", "high", wantDir)
	require.Equal(t, 0, code, wantErr)
	assert.Equal(t, filepath.Join(dir, "NEW-001-search-service.md")+"\n", out.String())
	assert.Equal(t, wantOut, strings.ReplaceAll(out.String(), dir, wantDir))
	assert.Equal(t, wantErr, errOut.String())
	got, err := os.ReadFile(filepath.Join(dir, "NEW-001-search-service.md"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(wantDir, "NEW-001-search-service.md"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	assert.Contains(t, string(got), "**Priority**: P1\n", "high is written as P1")

	out.Reset()
	err = runNew(e, newOptions{id: "NEW-002", title: "Other", paths: []string{dir}, load: load, requires: []string{"NOPE-001"}, dir: "."})
	var ee *exitError
	require.ErrorAs(t, err, &ee)
	assert.Equal(t, kindProblems, ee.kind)
	assert.Equal(t, "nothing written: 1 unknown packet ID", ee.msg)
	assert.Contains(t, errOut.String(), "plan: error: dangling-ref: NOPE-001 is not the ID of any packet read\n")
	assert.Empty(t, out.String())
}

// TestRunConfig calls runConfig with the run's settings as loadConfig
// leaves them and checks that it prints what plan config prints.
func TestRunConfig(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "dialects", "tickets")
	file := filepath.Join(dir, "plan.yaml")
	c, err := parser.ReadConfig(file)
	require.NoError(t, err)
	for _, format := range []string{"text", "json"} {
		var out, errOut bytes.Buffer
		e := &streams{stdout: &out, stderr: &errOut,
			cfg: configState{file: file, config: c, found: "--config", flags: map[string]string{"team": "5"}}}
		require.NoError(t, runConfig(e, configOptions{format: format}))
		code, wantOut, wantErr := runPlan("config", "--config", file, "--team", "5", "--format", format, dir)
		require.Equal(t, 0, code, wantErr)
		assert.Contains(t, out.String(), "team")
		assert.Equal(t, wantOut, out.String(), format)
		assert.Equal(t, wantErr, errOut.String())
	}
}
