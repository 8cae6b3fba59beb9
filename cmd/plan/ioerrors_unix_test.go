//go:build unix

package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIOErrorPathsEscaped: a file name that cannot be read reaches the
// terminal and the CI log escaped in every command: no escape sequence
// (an OSC 52 clipboard write, a screen clear) and no line that a CI runner
// reads as a command ("::stop-commands::" after a newline in the name)
// (issue 13 items 1 and 2).
func TestIOErrorPathsEscaped(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	writeFile(t, "tree/OK-001.md", packetSource("OK-001", "Readable"))
	require.NoError(t, os.Symlink("vanished.md", "tree/\x1b]52;c;SGVsbG8=\x07\x1b[2J.md"))
	require.NoError(t, os.Symlink("gone.md", "tree/x\n::stop-commands::tok.md"))
	command := regexp.MustCompile(`(?m)^\s*::`)
	ours := regexp.MustCompile(`^::(error|warning|notice) (file|title)=`)
	for _, args := range [][]string{{"tree"}, {"check", "tree"}, {"check", "--format", "github", "tree"}, {"--json", "tree"}, {"sync", "tree"}, {"sync", "--check", "tree"}} {
		code, out, errs := planIn(t, args...)
		assert.Equal(t, 2, code, "plan %q", args)
		for _, text := range []string{out, errs} {
			assert.NotContains(t, text, "\x1b", "plan %q: no escape sequence", args)
			assert.NotContains(t, text, "\x07", "plan %q: no BEL", args)
			for _, loc := range command.FindAllStringIndex(text, -1) {
				line := strings.TrimLeft(text[loc[0]:], " \t")
				line, _, _ = strings.Cut(line, "\n")
				assert.Regexp(t, ours, line, "plan %q: a line starting with :: is one of plan's own annotations", args)
			}
			assert.NotContains(t, text, "\n::stop-commands::", "plan %q", args)
		}
		assert.Contains(t, errs, "OK-001"[:0]+"tree/", "plan %q names the folder", args)
	}
}
