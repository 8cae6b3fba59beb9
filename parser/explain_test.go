package parser

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExplainPacket lists each header field line with its line number and
// text, and gives the packet Parse gives.
func TestExplainPacket(t *testing.T) {
	src := "# EX-001: Explained\n\n**Priority**: P1\n**Status**: 🏗️ In Progress\n**Estimated Effort**: 2-3 days\n**Depends On**: EX-002\n\n## Notes\n\n**Status**: not a header line\n"
	ex := Explain("ex.md", []byte(src))
	require.NotNil(t, ex.Packet)
	assert.Equal(t, "", ex.Why)
	want, _ := Parse("ex.md", []byte(src))
	assert.Equal(t, dump(want, nil), dump(ex.Packet, nil))
	assert.Equal(t, []Field{
		{Name: "Priority", Means: "priority", Line: 3, Text: "**Priority**: P1"},
		{Name: "Status", Means: "status", Line: 4, Text: "**Status**: 🏗️ In Progress"},
		{Name: "Estimated Effort", Means: "effort", Line: 5, Text: "**Estimated Effort**: 2-3 days"},
		{Name: "Depends On", Means: "dependencies", Line: 6, Text: "**Depends On**: EX-002"},
	}, ex.Fields)
}

// TestExplainNotAPacket says why a file is not read as a packet.
func TestExplainNotAPacket(t *testing.T) {
	tests := []struct{ name, src, why string }{
		{"no heading", "Just notes.\n\n**Status**: Done\n", "no level-1 heading: a packet's title is its first level-1 heading, '# ID: Title'"},
		{"heading without an ID", "intro\n\n# Release Plan\n", `line 3: the first level-1 heading "Release Plan" is not '# ID: Title' with an ID such as WP-001`},
		{"template", "# [PACKET-ID]: [Feature Name]\n", `line 1: "[PACKET-ID]: [Feature Name]" is a packet template's title (a placeholder in brackets where the ID goes)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := Explain("x.md", []byte(tt.src))
			assert.Nil(t, ex.Packet)
			assert.Equal(t, tt.why, ex.Why)
			assert.Empty(t, ex.Fields)
		})
	}
}
