package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProblemPacketAndRef checks that problems name their packet and the
// packet their row refers to: a baseline of known problems matches on them,
// not on line numbers.
func TestProblemPacketAndRef(t *testing.T) {
	type key struct{ code, packet, ref string }
	keys := func(ps []Problem) []key {
		var out []key
		for _, p := range ps {
			out = append(out, key{p.Code, p.Packet, p.Ref})
		}
		return out
	}
	t.Run("load", func(t *testing.T) {
		set, errs := Load([]string{"../testdata/dangling", "../testdata/duplicates", "../testdata/example"}, Options{})
		require.Empty(t, errs)
		assert.ElementsMatch(t, []key{
			{CodeDanglingRef, "DNG-002", "DNG-099"},
			{CodeDuplicateID, "DUP-001", ""},
			{CodeStaleStatus, "FE-LOGIN-001", "FE-DESIGN-001"},
		}, keys(set.Problems))
	})
	t.Run("header problems name their packet", func(t *testing.T) {
		_, probs := Parse("x.md", []byte("# X-001: Thing\n\n**Priority**: P9\n**Estimated Effort**: 5-3 days\n"))
		require.NotEmpty(t, probs)
		for _, p := range probs {
			assert.Equal(t, "X-001", p.Packet, "%s", p)
			assert.Empty(t, p.Ref, "%s", p)
		}
	})
}
