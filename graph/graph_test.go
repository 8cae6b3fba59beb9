package graph

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/workpackets/plan/parser"
)

func TestNewAndLookups(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("C", req("A", "B", "A", "GONE-1")), // duplicate and unknown refs
		pkt("A"),
		nil,
		pkt("B", req("A"), optional("C")),
		pkt("A", title("second A is ignored")),
	})
	var ids []string
	for _, p := range g.Packets() {
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []string{"A", "B", "C"}, ids)
	assert.Equal(t, "Title of A", g.Packet("A").Title)
	assert.Nil(t, g.Packet("GONE-1"))
	assert.Equal(t, []string{"A", "B"}, g.Requires("C"))
	assert.Equal(t, []string{"B", "C"}, g.RequiredBy("A"))
	assert.Equal(t, []string{"A"}, g.Requires("B"), "optional refs are not requirements")
	assert.Empty(t, g.RequiredBy("C"))
	assert.NotNil(t, g.Requires("NOPE"))
	assert.Empty(t, g.Cycles())
}

func TestEffectivePriority(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("A", pri(3)),
		pkt("B", pri(2), req("A")),
		pkt("C", pri(0), req("B")),
		pkt("D", pri(1), req("A")),
		pkt("E"),
		pkt("F", pri(0), optional("E")),
		pkt("G", pri(2)),
		pkt("H", req("G")),
		// A cycle shares its best priority, and passes it on.
		pkt("X", pri(3), req("Y")),
		pkt("Y", pri(3), req("X", "Z")),
		pkt("W", pri(1), req("X")),
		pkt("Z"),
	})
	tests := []struct {
		id   string
		want parser.Priority
	}{
		{"A", 0}, // a P3 packet that a P0 packet waits on, two steps away
		{"B", 0},
		{"C", 0},
		{"D", 1},
		{"E", parser.NoPriority}, // optional refs pass nothing on
		{"F", 0},
		{"G", 2},
		{"H", parser.NoPriority},
		{"X", 1},
		{"Y", 1},
		{"Z", 1},
		{"NOPE", parser.NoPriority},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			assert.Equal(t, tt.want, g.EffectivePriority(tt.id))
		})
	}
}

func TestInconsistentStatus(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("A", done, req("B", "C", "D")),
		pkt("B", wip),
		pkt("C", done),
		pkt("D"),
		pkt("E", req("D")), // not complete: no warning
	})
	assert.Equal(t, []parser.Problem{
		{Severity: parser.Warning, Code: parser.CodeInconsistentStatus, File: "A.md", Line: 10, Packet: "A", Ref: "B",
			Message: "A is complete but requires B, which is in progress"},
		{Severity: parser.Warning, Code: parser.CodeInconsistentStatus, File: "A.md", Line: 12, Packet: "A", Ref: "D",
			Message: "A is complete but requires D, which is not started"},
	}, g.Problems())
}
