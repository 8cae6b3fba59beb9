package main

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot lists every entry under dir with its mode, size, modification
// time and, for regular files, the SHA-256 of its content.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, path+" error "+err.Error())
			return nil
		}
		info, err := os.Lstat(path)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%q %v %d %d", path, info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		out = append(out, line)
		return nil
	})
	require.NoError(t, err)
	sort.Strings(out)
	return out
}

// TestReadOnlyCommandsWriteNothing hashes every file and the listing of the
// example folder and of a hostile folder, runs every command that only
// reads, in every format, and checks that nothing changed.
func TestReadOnlyCommandsWriteNothing(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, copyTree(filepath.Join(pkgDir, "..", "..", "testdata", "example"), "example"))
	writeHostileFolder(t, "evil")
	writeFile(t, "evil/only-heading.md", "# ONLY-001: Only a heading")
	writeFile(t, "evil/empty.md", "")
	writeFile(t, "evil/binary.md", "\x00\x01\x02\xc3\x28\xf0")
	require.NoError(t, os.Symlink("..", "evil/loop"))

	commands := [][]string{
		{}, {"--json"}, {"--dot"}, {"--format", "mermaid"}, {"--format", "markdown"}, {"-v"},
		{"check"}, {"check", "--json"}, {"check", "--strict"}, {"check", "--format", "github"},
		{"order"}, {"order", "--all", "--json"}, {"order", "--format", "csv"},
		{"ready"}, {"ready", "--json"},
		{"blocked"}, {"blocked", "--json"}, {"blocked", "--format", "csv"}, {"blocked", "--format", "markdown"},
		{"critical"}, {"critical", "--json"}, {"critical", "--format", "csv"}, {"critical", "--format", "markdown"},
		{"estimate", "--iterations", "100"}, {"estimate", "--iterations", "100", "--json"},
		{"schedule", "--team", "2"}, {"schedule", "--team", "2", "--json"},
		{"schedule", "--team", "2", "--format", "csv"}, {"schedule", "--team", "2", "--format", "mermaid"},
		{"sync", "--check"}, {"sync", "--dry-run"},
	}
	for _, dir := range []string{"example", "evil"} {
		before := snapshot(t, dir)
		for _, args := range commands {
			code, _, errs := planIn(t, append(args, dir)...)
			if strings.Contains(errs, "unknown flag") || strings.Contains(errs, "does not support --format") || strings.Contains(errs, "unknown command") {
				t.Logf("plan %q is not available here: %s", args, errs)
				continue
			}
			assert.Contains(t, []int{0, 1, 2}, code, "plan %q", args)
			require.Equal(t, before, snapshot(t, dir), "plan %q %s changed the folder", args, dir)
		}
	}
}

// pkgDir is the package directory, where the tests start.
var pkgDir = func() string {
	d, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return d
}()
