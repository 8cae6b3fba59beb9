package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestNewTitlesReadBack: whatever the title, the packet plan new writes
// reads back with that title and its dependencies.
func TestNewTitlesReadBack(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "DEP-001.md"),
		[]byte("# DEP-001: Tricky | *Title* [x](y.md) P1-OTHER-001 &amp; `code`\n\n**Priority**: P1\n**Status**: ✅ Complete\n**Estimated Effort**: 1 day\n"), 0o644))
	for i, title := range []string{"Plain", "With *emphasis* and _under_", "Pipe | and `code` and [link](x.md)", "Hash #", "Fish & Chips", `back\slash`, "Mentions P1-OTHER-001"} {
		id := "NEW-00" + string(rune('1'+i))
		code, out, errOut := runPlan("new", id, title, "--requires", "DEP-001", "--effort", "2d", "--priority", "P2", dir)
		require.Equal(t, 0, code, "%q: %s", title, errOut)
		name := strings.TrimSpace(out)
		data, err := os.ReadFile(name)
		require.NoError(t, err)
		p, probs := parser.Parse(name, data)
		require.NotNil(t, p)
		assert.Equal(t, title, p.Title)
		assert.Empty(t, probs, "%q", title)
		require.Len(t, p.Requires, 1, "%q", title)
		assert.Equal(t, "DEP-001", p.Requires[0].ID)
	}
	set, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	assert.Empty(t, set.Problems, "every new packet passes plan check without a warning")
}
