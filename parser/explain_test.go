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
		{"no heading", "Just notes.\n\n**Status**: Done\n", noTitle},
		{"heading without an ID", "intro\n\n# Release Plan\n", `line 3: the title heading "Release Plan" is not a packet title: it does not start with an ID (groups of capital letters and digits joined by '-', ending in digits, such as WP-001 or WP-005A)`},
		{"template", "# [PACKET-ID]: [Feature Name]\n", `line 1: the title heading "[PACKET-ID]: [Feature Name]" is not a packet title: it is a packet template's title (a placeholder in brackets where the ID goes)`},
		{"lower-case ID", "# wp-001: Lower\n", `line 1: the title heading "wp-001: Lower" is not a packet title: the ID "wp-001" is not in capitals (IDs are groups of capital letters and digits joined by '-', such as WP-001)`},
		{"no separator", "# WP-001 Board\n", `line 1: the title heading "WP-001 Board" is not a packet title: nothing separates the ID WP-001 from the title (use ':', '—', '–', ' - ', '·' or '|')`},
		{"ID runs on", "# WP-001ab: x\n", `line 1: the title heading "WP-001ab: x" is not a packet title: the ID "WP-001a" runs on into "WP-001ab:" (an ID ends in digits and at most one letter)`},
		{"level 2 under a level 1", "# Tickets\n\n## TKT-001 · Login\n", `line 1: the title heading "Tickets" is not a packet title: it does not start with an ID (groups of capital letters and digits joined by '-', ending in digits, such as WP-001 or WP-005A)`},
		{"bad front matter id", "---\nid: notes\n---\n# WP-001: x\n", `line 2: front matter id "notes" is not an ID (groups of letters and digits joined by '-', ending in digits, such as task-12)`},
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
