package main

import (
	"bytes"
	"os"
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
