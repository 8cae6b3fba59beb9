package parser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// packetSrc is a small valid packet that requires the given IDs.
func packetSrc(id string, status string, requires ...string) string {
	var b strings.Builder
	b.WriteString("# " + id + ": Packet " + id + "\n\n**Priority**: P1\n**Status**: " + status + "\n**Estimated Effort**: 2 days\n\n## Dependencies\n\n| Dependency | Status | Description |\n|---|---|---|\n")
	for _, r := range requires {
		b.WriteString("| " + r + " | ✅ Complete | needed |\n")
	}
	return b.String()
}

// writeFiles creates files (relative path -> content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
}

func ids(set *Set) []string {
	out := []string{}
	for _, p := range set.Packets {
		out = append(out, p.ID)
	}
	return out
}

func TestLoadWalk(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, "docs", map[string]string{
		"a.md":                        packetSrc("WLK-001", "✅ Complete"),
		"sub/b.markdown":              packetSrc("WLK-002", "🚧 Not Started", "WLK-001"),
		"sub/notes.txt":               packetSrc("WLK-900", "✅ Complete"),
		"README.md":                   "# Packets\n\nAn index.\n",
		".hidden/c.md":                packetSrc("WLK-901", "✅ Complete"),
		"node_modules/pkg/d.md":       packetSrc("WLK-902", "✅ Complete"),
		"vendor/e.md":                 packetSrc("WLK-903", "✅ Complete"),
		"sub/.draft.md":               packetSrc("WLK-904", "✅ Complete"),
		"sub/deeper/UPPER.MD":         packetSrc("WLK-003", "🚧 Not Started"),
		"sub/deeper/space name.md":    packetSrc("WLK-004", "🚧 Not Started"),
		"sub/deeper/-leading.md":      packetSrc("WLK-005", "🚧 Not Started"),
		"sub/deeper/ünïcödé.md":       packetSrc("WLK-006", "🚧 Not Started"),
		"sub/deeper/not-packet.md":    "# Implementation Plan: Phase 1\n",
		"sub/deeper/empty.md":         "",
		"sub/deeper/only-title.md":    "# WLK-007: Only a title",
		"sub/deeper/binary.md":        "\x00\x01\x02\xff\xfe",
		"sub/deeper/wrong-enc.md":     "# WLK-008: Caf\xe9\n",
		"sub/deeper/template.md":      "# [PACKET-ID]: [Feature Name]\n",
		"sub/deeper/nested/x.md":      packetSrc("WLK-009", "🚧 Not Started"),
		"sub/deeper/nested/.git/y":    "not markdown",
		"sub/deeper/nested/.git/z.md": packetSrc("WLK-905", "✅ Complete"),
	})
	set, errs := Load([]string{"docs"}, Options{})
	require.Empty(t, errs)
	assert.Equal(t, []string{"WLK-001", "WLK-002", "WLK-003", "WLK-004", "WLK-005", "WLK-006", "WLK-007", "WLK-008", "WLK-009"}, ids(set))
	assert.Equal(t, []string{
		"docs/README.md", "docs/a.md", "docs/sub/b.markdown",
		"docs/sub/deeper/-leading.md", "docs/sub/deeper/UPPER.MD", "docs/sub/deeper/binary.md",
		"docs/sub/deeper/empty.md", "docs/sub/deeper/nested/x.md", "docs/sub/deeper/not-packet.md",
		"docs/sub/deeper/only-title.md", "docs/sub/deeper/space name.md", "docs/sub/deeper/template.md",
		"docs/sub/deeper/wrong-enc.md", "docs/sub/deeper/ünïcödé.md",
	}, set.Files)
	assert.Equal(t, []string{"docs/README.md", "docs/sub/deeper/binary.md", "docs/sub/deeper/empty.md", "docs/sub/deeper/not-packet.md", "docs/sub/deeper/template.md"}, set.Skipped)

	// Paths are shown as typed: relative to the current directory.
	for _, p := range set.Packets {
		assert.False(t, filepath.IsAbs(p.File), p.File)
		assert.True(t, strings.HasPrefix(p.File, "docs/"), p.File)
	}
	// WLK-002's row resolves; nothing dangles.
	for _, pr := range set.Problems {
		assert.NotEqual(t, CodeDanglingRef, pr.Code, pr.String())
	}

	// "./docs" shows the same paths; the same file named twice is read once.
	set2, errs := Load([]string{"./docs", "docs/a.md"}, Options{})
	require.Empty(t, errs)
	assert.Equal(t, set.Files, set2.Files)
	assert.Equal(t, ids(set), ids(set2))

	// An explicit file is read whatever its extension.
	set3, errs := Load([]string{"docs/sub/notes.txt"}, Options{})
	require.Empty(t, errs)
	assert.Equal(t, []string{"WLK-900"}, ids(set3))

	// No paths means ".".
	set4, errs := Load(nil, Options{})
	require.Empty(t, errs)
	assert.Equal(t, ids(set), ids(set4))
}

func TestLoadIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := range 60 {
		id := "DET-" + strings.Repeat("0", 3-len(itoa(i))) + itoa(i)
		var req []string
		if i > 0 {
			req = append(req, "DET-"+strings.Repeat("0", 3-len(itoa(i-1)))+itoa(i-1), "DET-999")
		}
		files[filepath.Join(itoa(i%7), id+".md")] = packetSrc(id, "🚧 Not Started", req...)
	}
	writeFiles(t, dir, files)
	first, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	require.Len(t, first.Packets, 60)
	for range 5 {
		again, errs := Load([]string{dir}, Options{})
		require.Empty(t, errs)
		assert.Equal(t, first, again)
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

func TestLoadDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFiles(t, ".", map[string]string{
		"b/second.md": packetSrc("DUP-001", "✅ Complete"),
		"a/first.md":  packetSrc("DUP-001", "🚧 Not Started"),
		"c/user.md":   packetSrc("DUP-002", "🚧 Not Started", "DUP-001"),
	})
	set, errs := Load([]string{"."}, Options{})
	require.Empty(t, errs)
	assert.Equal(t, []string{"DUP-001", "DUP-002"}, ids(set))
	assert.Equal(t, "a/first.md", set.Packets[0].File, "the first file by path is kept")
	var dups []Problem
	for _, pr := range set.Problems {
		if pr.Code == CodeDuplicateID {
			dups = append(dups, pr)
		}
	}
	require.Len(t, dups, 1)
	assert.Equal(t, Error, dups[0].Severity)
	assert.Equal(t, "b/second.md", dups[0].File)
	assert.Equal(t, 1, dups[0].Line)
	assert.Contains(t, dups[0].Message, "a/first.md")
	assert.Contains(t, dups[0].Message, "DUP-001")
	// The kept packet's status decides: the "✅ Complete" cell is stale.
	assert.Contains(t, codes(set.Problems), "11:"+CodeStaleStatus)
}

func TestLoadSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"root/a.md":     packetSrc("SYM-001", "🚧 Not Started"),
		"outside/b.md":  packetSrc("SYM-002", "🚧 Not Started"),
		"root/sub/c.md": packetSrc("SYM-003", "🚧 Not Started"),
	})
	root := filepath.Join(dir, "root")
	if err := os.Symlink("..", filepath.Join(root, "sub", "loop")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	require.NoError(t, os.Symlink(filepath.Join(dir, "outside"), filepath.Join(root, "out")))
	require.NoError(t, os.Symlink(filepath.Join(dir, "outside", "b.md"), filepath.Join(root, "link-to-b.md")))
	require.NoError(t, os.Symlink("nowhere.md", filepath.Join(root, "broken.md")))
	require.NoError(t, os.Symlink("self.md", filepath.Join(root, "self.md")))

	set, errs := Load([]string{root}, Options{})
	// Directory symlinks (the loop and the one leaving the tree) are not
	// followed; a symlinked file is read; broken links are named.
	assert.Equal(t, []string{"SYM-001", "SYM-002", "SYM-003"}, ids(set))
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0].Error(), filepath.Join(root, "broken.md"))
	assert.Contains(t, errs[1].Error(), filepath.Join(root, "self.md"))

	// A directory symlink named explicitly is followed.
	set, errs = Load([]string{filepath.Join(root, "out")}, Options{})
	require.Empty(t, errs)
	assert.Equal(t, []string{"SYM-002"}, ids(set))
}

func TestLoadIOErrors(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md":          packetSrc("IOE-001", "🚧 Not Started"),
		"locked/b.md":   packetSrc("IOE-002", "🚧 Not Started"),
		"unreadable.md": packetSrc("IOE-003", "🚧 Not Started"),
	})
	missing := filepath.Join(dir, "missing")
	set, errs := Load([]string{dir, missing}, Options{})
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), missing)
	assert.Len(t, set.Packets, 3)

	if os.Geteuid() == 0 {
		t.Skip("running as root: permissions do not stop reading")
	}
	require.NoError(t, os.Chmod(filepath.Join(dir, "unreadable.md"), 0))
	require.NoError(t, os.Chmod(filepath.Join(dir, "locked"), 0))
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(dir, "locked"), 0o755) })
	set, errs = Load([]string{dir}, Options{})
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0].Error(), filepath.Join(dir, "locked"))
	assert.Contains(t, errs[1].Error(), filepath.Join(dir, "unreadable.md"))
	assert.Equal(t, []string{"IOE-001"}, ids(set), "the other files are still read")
}

func TestLoadStdin(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.md": packetSrc("STD-001", "🏗️ In Progress")})
	stdin := strings.NewReader(packetSrc("STD-002", "🚧 Not Started", "STD-001", "STD-404"))
	set, errs := Load([]string{"-", dir}, Options{Stdin: stdin})
	require.Empty(t, errs)
	assert.Equal(t, []string{"STD-001", "STD-002"}, ids(set))
	assert.Equal(t, StdinName, set.Packets[1].File)
	assert.Contains(t, set.Files, StdinName)
	assert.Equal(t, []string{"STD-001"}, refIDs(set.Packets[1].Requires))
	assert.Equal(t, []string{"11:" + CodeStaleStatus, "12:" + CodeDanglingRef}, codes(set.Problems))
	assert.Equal(t, StdinName, set.Problems[0].File)

	// No reader for "-" is an I/O error naming it.
	_, errs = Load([]string{"-"}, Options{})
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "-")
}

func TestLoadMaxFileSize(t *testing.T) {
	dir := t.TempDir()
	big := packetSrc("BIG-001", "🚧 Not Started") + strings.Repeat("filler text\n", 200)
	writeFiles(t, dir, map[string]string{"big.md": big, "small.md": packetSrc("BIG-002", "🚧 Not Started")})
	set, errs := Load([]string{dir}, Options{MaxFileSize: 1000})
	require.Empty(t, errs)
	assert.Equal(t, []string{"BIG-002"}, ids(set))
	require.Len(t, set.Problems, 1)
	assert.Equal(t, filepath.Join(dir, "big.md"), set.Problems[0].File)
	assert.Equal(t, CodeParse, set.Problems[0].Code)
	assert.Contains(t, set.Problems[0].Message, "larger than")
	assert.Contains(t, set.Skipped, filepath.Join(dir, "big.md"))

	// Standard input has the same limit.
	set, errs = Load([]string{"-"}, Options{Stdin: strings.NewReader(big), MaxFileSize: 1000})
	require.Empty(t, errs)
	assert.Empty(t, set.Packets)
	require.Len(t, set.Problems, 1)
	assert.Equal(t, StdinName, set.Problems[0].File)
}

// TestLoadIDCase: a packet ID written in lower or mixed case is no ID, so
// its row is an external dependency; Load says which packet it meant,
// and says nothing for names that match no packet in any case.
func TestLoadIDCase(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.md": packetSrc("CASE-001", "✅ Complete"),
		"b.md": "# CASE-002: Lower\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1 day\n\n## Dependencies\n\n" +
			"| Dependency | Status | Description |\n|---|---|---|\n" +
			"| case-001 | ✅ Complete | lower case |\n" +
			"| Node-18 | ✅ Available | a runtime, not a packet |\n" +
			"| Auth (Case-001) | ✅ Complete | mixed case |\n",
	})
	set, errs := Load([]string{dir}, Options{})
	require.Empty(t, errs)
	b := set.Packets[1]
	require.Equal(t, "CASE-002", b.ID)
	assert.Empty(t, b.Requires, "no dependency is made up")
	assert.Len(t, b.Externals, 3)
	var got []string
	for _, p := range set.Problems {
		got = append(got, fmt.Sprintf("%d:%s:%s", p.Line, p.Code, p.Ref))
	}
	assert.Equal(t, []string{"11:id-case:CASE-001", "13:id-case:CASE-001"}, got)
	assert.Contains(t, set.Problems[0].Message, `"case-001" is not an ID (IDs are upper case); write CASE-001`)
}

// TestLoadTemplates: a file whose title has a placeholder where the ID
// goes is skipped as a template; other files that are not packets are
// skipped too, but are not templates.
func TestLoadTemplates(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"TEMPLATE.md": "# [PACKET-ID]: [Feature Name]\n\n**Priority**: P0/P1/P2\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n| [Service] | ✅ Available |\n",
		"README.md":   "# Work packets\n\nOne file a packet.\n",
		"notes.md":    "# [draft] plans\n",
		"a.md":        packetSrc("TPL-001", "🚧 Not Started"),
	})
	for _, whole := range []bool{false, true} {
		set, errs := Load([]string{dir}, Options{Whole: whole})
		require.Empty(t, errs)
		assert.Equal(t, []string{"TPL-001"}, ids(set))
		assert.Len(t, set.Skipped, 3)
		assert.Equal(t, []string{filepath.Join(dir, "TEMPLATE.md")}, set.Templates, "whole %v", whole)
	}
}
