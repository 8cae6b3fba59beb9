package scaffold

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

func TestUnreadDir(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"docs/.hidden", "docs/node_modules/x", "docs/team", "elsewhere"} {
		require.NoError(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	docs := filepath.Join(root, "docs")
	tests := []struct {
		dir, why string
	}{
		{docs, ""},
		{filepath.Join(docs, "team"), ""},
		{filepath.Join(root, "elsewhere"), ""},
		{filepath.Join(docs, ".hidden"), "the folder .hidden is not searched (hidden, node_modules and vendor folders are skipped)"},
		{filepath.Join(docs, "node_modules", "x"), "the folder node_modules is not searched (hidden, node_modules and vendor folders are skipped)"},
	}
	if runtime.GOOS != "windows" {
		require.NoError(t, os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(docs, "link")))
		tests = append(tests, struct{ dir, why string }{filepath.Join(docs, "link"), "link is a symbolic link, which is not followed"})
	}
	for _, tt := range tests {
		why, under := UnreadDir(tt.dir, []string{docs})
		assert.Equal(t, tt.why, why, tt.dir)
		if tt.why != "" {
			assert.Equal(t, docs, under)
		}
	}
	why, _ := UnreadDir(filepath.Join(docs, ".hidden"), []string{docs, filepath.Join(docs, ".hidden")})
	assert.Empty(t, why, "a folder that is one of the paths is read")
}

// TestInOversizeFile: the ID of a packet in a file skipped for its size is
// found from the file's head; a small skipped file is not read.
func TestInOversizeFile(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	require.NoError(t, os.WriteFile(big, []byte("# BIG-001: Big\n\n"+strings.Repeat("words ", 200_000)), 0o644))
	small := filepath.Join(dir, "notes.md")
	require.NoError(t, os.WriteFile(small, []byte("# SMALL-001: not a packet here\n"), 0o644))
	set := &parser.Set{Skipped: []string{big, small}}
	p := InOversizeFile(set, "BIG-001", 1<<20)
	require.NotNil(t, p)
	assert.Equal(t, big, p.File)
	assert.Equal(t, 1, p.Line)
	assert.Nil(t, InOversizeFile(set, "OTHER-001", 1<<20))
	assert.Nil(t, InOversizeFile(set, "SMALL-001", 1<<20), "a file under the limit was skipped for another reason")
}

// TestCheck: an ID read, an ID only in a file too large to read, and
// dependencies no packet has are each found.
func TestCheck(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.md")
	require.NoError(t, os.WriteFile(big, []byte("# BIG-001: Big\n\n"+strings.Repeat("words ", 200_000)), 0o644))
	dep := &parser.Packet{ID: "DEP-001", File: filepath.Join(dir, "dep.md"), Line: 1}
	set := &parser.Set{Packets: []*parser.Packet{dep}, Skipped: []string{big}}

	c := Check(set, "NEW-001", []string{"DEP-001", "NOPE-001", "NOPE-002"}, 1<<20)
	assert.Nil(t, c.Taken)
	assert.False(t, c.Oversize)
	assert.Equal(t, []string{"NOPE-001", "NOPE-002"}, c.Unknown)
	assert.Same(t, dep, c.ByID["DEP-001"])

	c = Check(set, "DEP-001", nil, 1<<20)
	assert.Same(t, dep, c.Taken)
	assert.False(t, c.Oversize)
	assert.Empty(t, c.Unknown)

	c = Check(set, "BIG-001", []string{"DEP-001"}, 1<<20)
	require.NotNil(t, c.Taken)
	assert.True(t, c.Oversize)
	assert.Equal(t, big, c.Taken.File)
}
