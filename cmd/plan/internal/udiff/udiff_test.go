package udiff

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUnifiedDiff compares Write with diff -u (when installed)
// on line replacements: near and far apart, at the start and end, CRLF, no
// final newline.
func TestUnifiedDiff(t *testing.T) {
	lines := func(n int, eol string, change map[int]string) string {
		var b strings.Builder
		for i := 1; i <= n; i++ {
			if s, ok := change[i]; ok {
				b.WriteString(s + eol)
			} else {
				fmt.Fprintf(&b, "line %d%s", i, eol)
			}
		}
		return b.String()
	}
	tests := []struct {
		name     string
		old, new string
	}{
		{"one change", lines(20, "\n", nil), lines(20, "\n", map[int]string{10: "ten"})},
		{"near changes share a hunk", lines(30, "\n", nil), lines(30, "\n", map[int]string{10: "ten", 16: "sixteen"})},
		{"far changes make two hunks", lines(30, "\n", nil), lines(30, "\n", map[int]string{5: "five", 13: "thirteen"})},
		{"six unchanged lines between changes: one hunk", lines(30, "\n", nil), lines(30, "\n", map[int]string{5: "five", 12: "twelve"})},
		{"first and last lines", lines(5, "\n", nil), lines(5, "\n", map[int]string{1: "one", 5: "five"})},
		{"adjacent changes", lines(9, "\n", nil), lines(9, "\n", map[int]string{4: "four", 5: "five"})},
		{"CRLF", lines(9, "\r\n", nil), lines(9, "\r\n", map[int]string{4: "four"})},
		{"no final newline", strings.TrimSuffix(lines(6, "\n", nil), "\n"), strings.TrimSuffix(lines(6, "\n", map[int]string{6: "six"}), "\n")},
	}
	diffTool, _ := exec.LookPath("diff")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			require.NoError(t, Write(&got, "f.md", []byte(tt.old), []byte(tt.new)))
			require.True(t, strings.HasPrefix(got.String(), "--- a/f.md\n+++ b/f.md\n@@ "), got.String())
			if diffTool == "" {
				t.Skip("diff is not installed")
			}
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
			require.NoError(t, os.WriteFile(a, []byte(tt.old), 0o644))
			require.NoError(t, os.WriteFile(b, []byte(tt.new), 0o644))
			out, _ := exec.Command(diffTool, "-u", a, b).Output()
			want := string(out)
			want = want[strings.Index(want, "\n@@")+1:]
			hunks := got.String()
			hunks = hunks[strings.Index(hunks, "\n@@")+1:]
			assert.Equal(t, want, hunks)
		})
	}
	// diff -u joins two changes into one hunk when at most twice the
	// context lies between them, so their contexts meet (checked without
	// diff installed too).
	for _, tt := range []struct {
		second, hunks int
	}{{11, 1}, {12, 1}, {13, 2}} {
		var got bytes.Buffer
		require.NoError(t, Write(&got, "f.md", []byte(lines(30, "\n", nil)), []byte(lines(30, "\n", map[int]string{5: "five", tt.second: "changed"}))))
		assert.Equal(t, tt.hunks, strings.Count(got.String(), "\n@@ "), "changes on lines 5 and %d:\n%s", tt.second, got.String())
	}
	var none bytes.Buffer
	require.NoError(t, Write(&none, "f.md", []byte("same\n"), []byte("same\n")))
	assert.Empty(t, none.String())
}

// TestUnifiedDiffNames checks the --- and +++ lines of names that need
// care against what git writes for them (when git is installed) and that
// GNU patch -p1 applies the diff to the file of that name (when GNU patch
// is installed): a space (git ends the name with a TAB, where patch ends
// it), a double quote, a backslash and a TAB (git quotes the name as C
// does).
func TestUnifiedDiffNames(t *testing.T) {
	tests := []struct{ name, header string }{
		{"f.md", "--- a/f.md\n+++ b/f.md\n"},
		{"x y.md", "--- a/x y.md\t\n+++ b/x y.md\t\n"},
		{`q"t.md`, "--- \"a/q\\\"t.md\"\n+++ \"b/q\\\"t.md\"\n"},
		{`back\slash.md`, "--- \"a/back\\\\slash.md\"\n+++ \"b/back\\\\slash.md\"\n"},
		{"tab\there.md", "--- \"a/tab\\there.md\"\n+++ \"b/tab\\there.md\"\n"},
		{"sp ace/q\"é.md", "--- \"a/sp ace/q\\\"é.md\"\t\n+++ \"b/sp ace/q\\\"é.md\"\t\n"},
	}
	old, new := "one\ntwo\nthree\n", "one\n2\nthree\n"
	diffs := map[string]string{}
	for _, tt := range tests {
		var got bytes.Buffer
		require.NoError(t, Write(&got, tt.name, []byte(old), []byte(new)))
		assert.True(t, strings.HasPrefix(got.String(), tt.header+"@@ "), "%q:\n got %q\nwant %q", tt.name, got.String(), tt.header)
		diffs[tt.name] = got.String()
	}

	t.Run("as git writes them", func(t *testing.T) {
		git, err := exec.LookPath("git")
		if err != nil {
			t.Skip("git is not installed")
		}
		dir := t.TempDir()
		run := func(args ...string) string {
			cmd := exec.Command(git, append([]string{"-c", "core.quotePath=false", "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "git %v: %s", args, out)
			return string(out)
		}
		run("init", "-q")
		for _, tt := range tests {
			writeFileIn(t, dir, tt.name, old)
		}
		run("add", "-A")
		run("commit", "-q", "-m", "old")
		for _, tt := range tests {
			writeFileIn(t, dir, tt.name, new)
		}
		out := run("diff")
		for _, tt := range tests {
			assert.Contains(t, out, "\n"+tt.header, "git diff does not write %q so:\n%s", tt.name, out)
		}
	})

	t.Run("GNU patch -p1 applies them", func(t *testing.T) {
		patch, err := exec.LookPath("patch")
		if err != nil {
			t.Skip("patch is not installed")
		}
		if v, _ := exec.Command(patch, "--version").Output(); !strings.Contains(string(v), "GNU patch") {
			t.Skip("patch is not GNU patch")
		}
		for _, tt := range tests {
			dir := t.TempDir()
			writeFileIn(t, dir, tt.name, old)
			cmd := exec.Command(patch, "-p1", "--batch", "--no-backup-if-mismatch")
			cmd.Dir = dir
			cmd.Stdin = strings.NewReader(diffs[tt.name])
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%q: %s", tt.name, out)
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(tt.name)))
			require.NoError(t, err)
			assert.Equal(t, new, string(got), tt.name)
		}
	})
}

// writeFileIn writes text to the file name (slash-separated) under dir,
// making its folders.
func writeFileIn(t *testing.T, dir, name, text string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
}
