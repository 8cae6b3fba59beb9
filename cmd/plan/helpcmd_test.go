package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestHelpTopicsFromInstalledBinary installs plan into an empty GOBIN and
// runs the help topics from a folder outside the clone: the pages are in
// the binary, not read from the repository.
func TestHelpTopicsFromInstalledBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds plan with go install")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	gobin := t.TempDir()
	install := exec.Command(goTool, "install", ".")
	install.Env = append(os.Environ(), "GOBIN="+gobin)
	out, err := install.CombinedOutput()
	require.NoError(t, err, "go install: %s", out)
	bin := filepath.Join(gobin, "plan")
	outside := t.TempDir()
	planHelp := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"help"}, args...)...)
		cmd.Dir = outside
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "plan help %s: %s", strings.Join(args, " "), stderr.String())
		assert.Empty(t, stderr.String())
		return stdout.String()
	}
	format := planHelp("format")
	assert.Equal(t, "# The packet format (parser/doc.go)\n\n"+parser.Spec(), format)
	assert.Contains(t, format, "\n# What a packet is\n")
	assert.Contains(t, format, "\n# Header fields\n")
	assert.NotContains(t, format, "\n// ", "the Go comment markers are gone")

	jsonPage := planHelp("json")
	assert.Contains(t, jsonPage, "## schema_version")
	assert.Contains(t, jsonPage, "## plan.schema.json")
	assert.Contains(t, jsonPage, "`schedule.assignments[].sprint`: no `--sprint`.")
	var schema map[string]any
	require.NoError(t, json.Unmarshal([]byte(planHelp("json", "check")), &schema), "plan help json check prints the schema alone")
	assert.Equal(t, "plan check --json", schema["title"])

	assert.Contains(t, planHelp("exit-codes"), "| 2 | plan could not do what was asked")
	config := planHelp("config")
	assert.Contains(t, config, "plan.yaml")
	assert.Contains(t, config, "hours_per_day")
	for _, topic := range []string{"ci", "method", "outputs", "changes", "limits"} {
		assert.True(t, strings.HasPrefix(planHelp(topic), "# "), "plan help %s", topic)
	}
}

// TestHelpCommand covers plan help without building: topics, commands, a
// name that is neither, and a folder named like a topic.
func TestHelpCommand(t *testing.T) {
	plan := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(args, nil, &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}
	code, out, _ := plan("help", "check")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "plan check [PATH...]", "a command's help, as cobra's help command printed it")

	code, out, _ = plan("help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Reference: plan help format")

	code, out, errs := plan("help", "nonsense")
	assert.Equal(t, 2, code)
	assert.Empty(t, out)
	assert.Equal(t, "plan: error: no help topic or command named \"nonsense\"\nplan: hint: topics: format, json, exit-codes, config, ci, method, outputs, changes, limits; 'plan --help' lists the commands\n", errs)

	code, _, errs = plan("help", "json", "nonsense")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "no JSON schema named \"nonsense\"")
	assert.Contains(t, errs, "plan: hint: the names: baseline, blocked, blocked-by, check")

	// A topic is not a command: a folder named format is still read.
	dir := filepath.Join(t.TempDir(), "format")
	require.NoError(t, copyTree(filepath.Join("..", "..", "testdata", "cycles"), dir))
	t.Chdir(filepath.Dir(dir))
	code, out, errs = plan("order", "format")
	assert.Equal(t, 1, code, errs) // the folder's cycle
	assert.Contains(t, errs, "plan: error: cycle: CYC-001 -> ")
	assert.Contains(t, out, "CYC-004")
	code, out, _ = plan("format")
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "5 packets")
}
