package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/parser"
)

func TestBaseline(t *testing.T) {
	prob := func(code, packet, ref string, line int) parser.Problem {
		return parser.Problem{Code: code, Packet: packet, Ref: ref, File: packet + ".md", Line: line}
	}
	today := []parser.Problem{
		prob("dangling-ref", "B-1", "Z-9", 12),
		prob("cycle", "A-2", "A-1", 11),
		prob("parse", "C-1", "", 3),
		prob("parse", "C-1", "", 4),
		{Code: "parse", File: "docs/huge.md", Line: 1},
	}
	b := report.NewBaseline(today)
	assert.Equal(t, report.BaselineFile{SchemaVersion: 1, Problems: []report.BaselineEntry{
		{Code: "cycle", Packet: "A-2", Ref: "A-1"},
		{Code: "dangling-ref", Packet: "B-1", Ref: "Z-9"},
		{Code: "parse", File: "docs/huge.md"},
		{Code: "parse", Packet: "C-1", Count: 2},
	}}, b)

	t.Run("lines move: everything known", func(t *testing.T) {
		var moved []parser.Problem
		for _, p := range today {
			p.Line += 7
			moved = append(moved, p)
		}
		fresh, known, stale := report.ApplyBaseline(moved, b)
		assert.Empty(t, fresh)
		assert.Equal(t, 5, known)
		assert.Empty(t, stale)
	})
	t.Run("one more of a counted problem is new; fixed ones are stale", func(t *testing.T) {
		now := []parser.Problem{
			prob("cycle", "A-2", "A-1", 11),
			prob("parse", "C-1", "", 3), prob("parse", "C-1", "", 4), prob("parse", "C-1", "", 5),
			prob("dangling-ref", "B-1", "Z-8", 12), // another ID: new
		}
		fresh, known, stale := report.ApplyBaseline(now, b)
		assert.Equal(t, []parser.Problem{now[3], now[4]}, fresh)
		assert.Equal(t, 3, known)
		assert.Equal(t, []report.BaselineEntry{
			{Code: "dangling-ref", Packet: "B-1", Ref: "Z-9"},
			{Code: "parse", File: "docs/huge.md"},
		}, stale)
	})
	t.Run("written and read back, byte-stable", func(t *testing.T) {
		name := filepath.Join(t.TempDir(), "b.json")
		require.NoError(t, writeBaseline(name, b))
		first, err := os.ReadFile(name)
		require.NoError(t, err)
		got, err := readBaseline(name)
		require.NoError(t, err)
		assert.Equal(t, b, got)
		shuffled := append([]parser.Problem(nil), today[3], today[0], today[4], today[2], today[1])
		require.NoError(t, writeBaseline(name, report.NewBaseline(shuffled)))
		second, err := os.ReadFile(name)
		require.NoError(t, err)
		assert.Equal(t, string(first), string(second))
	})
}

// TestFlowchartParses runs `plan --format mermaid` on the example, on the
// cycles folder and on a packet with a hostile title, and feeds each chart
// to the real Mermaid parser.
func TestFlowchartParses(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"example", "cycles"} {
		require.NoError(t, copyTree(filepath.Join("..", "..", "testdata", d), filepath.Join(dir, d)))
	}
	evil := "# EVIL-001: Evil: \"x\" [y] %%{init: {'theme':'dark'}}%% ; # click n1 call alert() <script> `md` end\n\n" +
		"**Priority**: P0\n**Status**: 🚧 Not Started\n**Estimated Effort**: 2 days\n\n## Dependencies\n\n" +
		"| Dependency | Status | Description |\n|---|---|---|\n| BE-PAY-001 | 🚧 Not Started | x |\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "example", "EVIL-001-evil.md"), []byte(evil), 0o644))
	var charts []string
	for _, sub := range []string{"example", "cycles"} {
		want := map[string]int{"example": 0, "cycles": 1}[sub]
		var out, errb bytes.Buffer
		code := run([]string{"--format", "mermaid", filepath.Join(dir, sub)}, strings.NewReader(""), &out, &errb)
		require.Equal(t, want, code, errb.String()) // a cycle is drawn, and fails the run
		charts = append(charts, out.String())
	}
	assert.Regexp(t, regexp.MustCompile(`(?m)^    n\d+\["EVIL-001<br/>Evil#58; #quot;x#quot; #91;y#93; #37;#37;#123;init#58; #123;#39;theme#39;#58;#39;dark#39;#125;#125;#37;#37; #59; #35; click n1 call alert#40;#41; md end<br/>2d"\]$`), charts[0], "waiting on a packet is not blocked")
	for _, c := range charts {
		checkMermaidType(t, c, "flowchart", true)
	}
	checkMermaidType(t, "flowchart LR\n    n1[\"a\"b\"]\n", "flowchart", false)
	checkMermaidType(t, "flowchart LR\n    n1 --> n2\n    linkStyle 5 stroke-width:4px\n", "flowchart", false)
}

// TestHelp checks that every command has a one-line summary and examples,
// and runs each example (on a copy of testdata/example, since sync and new
// write files, with pipes and redirections left out).
func TestHelp(t *testing.T) {
	root := newRootCmd(&streams{stdin: strings.NewReader(""), stdout: new(bytes.Buffer), stderr: new(bytes.Buffer)})
	var visit func(c *cobra.Command)
	visit = func(c *cobra.Command) {
		if c.Hidden || c.Name() == "help" {
			return
		}
		t.Run(c.CommandPath(), func(t *testing.T) {
			assert.NotEmpty(t, c.Short)
			assert.NotContains(t, c.Short, "\n")
			require.NotEmpty(t, c.Example, "%s has no examples", c.CommandPath())
			if c.HasParent() && c.Parent().Name() == "completion" || c.Name() == "completion" {
				return // shell commands, not plan's
			}
			example := filepath.Join(t.TempDir(), "packets")
			require.NoError(t, copyTree(filepath.Join("..", "..", "testdata", "example"), example))
			if c.Name() == "diff" || c.Name() == "history" {
				gitExampleRepo(t, filepath.Dir(example))
			}
			// A line ending in a backslash continues on the next, as in a shell.
			for _, line := range strings.Split(strings.ReplaceAll(c.Example, "\\\n", " "), "\n") {
				line = strings.TrimSpace(line)
				if i := strings.IndexAny(line, "|>"); i >= 0 {
					line = strings.TrimSpace(line[:i])
				}
				args := exampleArgs(line)
				require.Equal(t, "plan", args[0], "example %q", line)
				for k, a := range args {
					switch {
					case a == "docs/packets":
						args[k] = example
					case strings.HasPrefix(a, "docs/packets/"):
						args[k] = filepath.Join(example, strings.TrimPrefix(a, "docs/packets/"))
					case a == "P1-ECOM-001":
						args[k] = "BE-PAY-001"
					case strings.HasSuffix(a, ".html") && k > 0 && args[k-1] == "-o":
						args[k] = filepath.Join(t.TempDir(), a) // plan report's page, not in cmd/plan
					case strings.HasSuffix(a, ".json") && k > 0 && strings.Contains(args[k-1], "baseline"):
						args[k] = filepath.Join(t.TempDir(), "baseline.json")
					}
				}
				if strings.Contains(line, "--baseline ") {
					require.Equal(t, 0, run([]string{"check", "--write-baseline", args[3], example}, strings.NewReader(""), new(bytes.Buffer), new(bytes.Buffer)))
				}
				var out, errb bytes.Buffer
				code := run(args[1:], strings.NewReader(""), &out, &errb)
				if args[1] == "check" && code == exitProblems {
					code = 0 // found problems: the example ran
				}
				assert.Equal(t, 0, code, "example %q: %s", line, errb.String())
			}
		})
		for _, sub := range c.Commands() {
			visit(sub)
		}
	}
	visit(root)
}

// exampleArgs splits an example command line into arguments: at spaces,
// except inside double quotes, which are removed.
func exampleArgs(line string) []string {
	var args []string
	for i, part := range strings.Split(line, `"`) {
		if i%2 == 1 {
			args = append(args, part)
		} else {
			args = append(args, strings.Fields(part)...)
		}
	}
	return args
}

// gitExampleRepo makes dir a repository on branch main with one commit of
// everything in it, and changes into it: the examples of plan diff and
// plan history read git.
func gitExampleRepo(t *testing.T, dir string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for _, args := range [][]string{{"init", "-q", "-b", "main"}, {"add", "-A"}, {"commit", "-q", "-m", "example"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "git %v: %s", args, out)
	}
	t.Chdir(dir)
}
