package main

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

// TestUnifiedDiff compares writeUnifiedDiff with diff -u (when installed)
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
		{"first and last lines", lines(5, "\n", nil), lines(5, "\n", map[int]string{1: "one", 5: "five"})},
		{"adjacent changes", lines(9, "\n", nil), lines(9, "\n", map[int]string{4: "four", 5: "five"})},
		{"CRLF", lines(9, "\r\n", nil), lines(9, "\r\n", map[int]string{4: "four"})},
		{"no final newline", strings.TrimSuffix(lines(6, "\n", nil), "\n"), strings.TrimSuffix(lines(6, "\n", map[int]string{6: "six"}), "\n")},
	}
	diffTool, _ := exec.LookPath("diff")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got bytes.Buffer
			require.NoError(t, writeUnifiedDiff(&got, "f.md", []byte(tt.old), []byte(tt.new)))
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
	var none bytes.Buffer
	require.NoError(t, writeUnifiedDiff(&none, "f.md", []byte("same\n"), []byte("same\n")))
	assert.Empty(t, none.String())
}
