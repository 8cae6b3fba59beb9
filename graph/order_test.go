package graph

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

func TestOrder(t *testing.T) {
	tests := []struct {
		name    string
		packets []*parser.Packet
		lf      map[string]float64
		all     bool
		want    []string
	}{
		{
			name:    "priority beats latest finish beats ID",
			packets: []*parser.Packet{pkt("A", pri(2)), pkt("B", pri(1)), pkt("C", pri(1)), pkt("D", pri(1)), pkt("E")},
			lf:      map[string]float64{"A": 1, "B": 5, "C": 3, "D": 3, "E": 0},
			want:    []string{"C", "D", "B", "A", "E"},
		},
		{
			name:    "missing latest finish counts as 0",
			packets: []*parser.Packet{pkt("A"), pkt("B"), pkt("C")},
			lf:      map[string]float64{"A": 2},
			want:    []string{"B", "C", "A"},
		},
		{
			name: "a dependency inherits the priority of its P0 dependent",
			packets: []*parser.Packet{
				pkt("X", pri(3)),
				pkt("Y", pri(0), req("X")),
				pkt("Z", pri(1)),
			},
			want: []string{"X", "Y", "Z"},
		},
		{
			name: "dependencies come first whatever their priority",
			packets: []*parser.Packet{
				pkt("A", pri(3)),
				pkt("B", pri(3), req("A")),
				pkt("C", pri(0), req("B")),
				pkt("D", pri(1)),
			},
			want: []string{"A", "B", "C", "D"},
		},
		{
			name: "complete packets left out",
			packets: []*parser.Packet{
				pkt("A", done),
				pkt("B", req("A")),
				pkt("C", done, req("A")),
			},
			want: []string{"B"},
		},
		{
			name: "all includes complete packets in dependency order",
			packets: []*parser.Packet{
				pkt("A", done, req("C")),
				pkt("B", req("A")),
				pkt("C", done),
			},
			all:  true,
			want: []string{"C", "A", "B"},
		},
		{
			name: "optional refs do not order",
			packets: []*parser.Packet{
				pkt("A", optional("B")),
				pkt("B"),
			},
			want: []string{"A", "B"},
		},
		{
			name: "a cycle is one unit whose members sit together",
			packets: []*parser.Packet{
				pkt("A"),
				pkt("B", req("A", "D")), // B <-> D is a cycle
				pkt("C", req("A")),
				pkt("D", req("B")),
				pkt("E", req("B")),
			},
			// The unit {B, D} is placed where B would go; the cut row
			// "B requires D" is ignored inside it, so B comes first.
			want: []string{"A", "B", "D", "C", "E"},
		},
		{
			name: "self-dependency does not stall the order",
			packets: []*parser.Packet{
				pkt("A", req("A")),
				pkt("B", req("A")),
			},
			want: []string{"A", "B"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, New(tt.packets).Order(tt.lf, tt.all))
		})
	}
}

func TestWaves(t *testing.T) {
	tests := []struct {
		name    string
		packets []*parser.Packet
		want    [][]string
	}{
		{
			name: "diamond with a finished root and a loose packet",
			packets: []*parser.Packet{
				pkt("A", done),
				pkt("B", req("A")),
				pkt("C", req("A")),
				pkt("D", req("C", "B")),
				pkt("E", req("D")),
				pkt("F"),
				pkt("G", req("B", "E")), // depth decided by the longest chain
			},
			want: [][]string{{"B", "C", "F"}, {"D"}, {"E"}, {"G"}},
		},
		{
			name:    "everything complete",
			packets: []*parser.Packet{pkt("A", done), pkt("B", done, req("A"))},
			want:    [][]string{},
		},
		{
			name: "cut rows of a cycle are ignored",
			packets: []*parser.Packet{
				pkt("A", req("C")),
				pkt("B", req("A")),
				pkt("C", req("B")),
			},
			// Cut: "A requires C".
			want: [][]string{{"A"}, {"B"}, {"C"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, New(tt.packets).Waves())
		})
	}
}

func TestBlockedReadyWaitingOn(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("A", pri(2)),
		pkt("B", req("A")),
		pkt("C", req("B", "E")),
		pkt("D", pri(3), req("E")),
		pkt("E", done),
		pkt("F", ext("Staging DB", parser.Blocking), ext("Docs", parser.Available)),
		pkt("G", wip, pri(3)),
		pkt("H", pri(1), ext("Vendor API", parser.AtRisk)),
		pkt("I", optional("A")),
		pkt("J", req("C"), ext("Budget", parser.Blocking)),
		pkt("K", done, req("A")),
		pkt("L", func(p *parser.Packet) {
			p.Externals = append(p.Externals, parser.External{Name: "Nice tool", Class: parser.Blocking, Required: false})
		}),
	})

	assert.Equal(t, []Blocked{
		{ID: "B", BlockedBy: []string{"A"}, External: []string{}, WaitsOn: []string{"A"}},
		{ID: "C", BlockedBy: []string{"B"}, External: []string{}, WaitsOn: []string{"A", "B"}},
		{ID: "F", BlockedBy: []string{}, External: []string{"Staging DB"}, WaitsOn: []string{}},
		{ID: "J", BlockedBy: []string{"C"}, External: []string{"Budget"}, WaitsOn: []string{"A", "B", "C"}},
	}, g.Blocked())

	// A is P2 but B, C and J (no priority) wait on it; H is P1; D and G
	// are P3; I and L have none.
	assert.Equal(t, []string{"H", "A", "D", "G", "I", "L"}, g.Ready())

	tests := []struct {
		id   string
		want []string
	}{
		{"A", []string{"B", "C", "J"}}, // K is complete: it does not wait
		{"B", []string{"C", "J"}},
		{"E", []string{}}, // complete: nothing waits on it
		{"J", []string{}},
		{"NOPE", []string{}},
	}
	for _, tt := range tests {
		t.Run("waiting on "+tt.id, func(t *testing.T) {
			assert.Equal(t, tt.want, g.WaitingOn(tt.id))
		})
	}
}

func TestBlockedInCycle(t *testing.T) {
	g := New([]*parser.Packet{
		pkt("A", req("B")),
		pkt("B", req("A")),
		pkt("C", req("C")),
	})
	assert.Equal(t, []Blocked{
		{ID: "A", BlockedBy: []string{"B"}, External: []string{}, WaitsOn: []string{"A", "B"}},
		{ID: "B", BlockedBy: []string{"A"}, External: []string{}, WaitsOn: []string{"A", "B"}},
		{ID: "C", BlockedBy: []string{"C"}, External: []string{}, WaitsOn: []string{"C"}},
	}, g.Blocked())
	assert.Empty(t, g.Ready())
	assert.Equal(t, []string{"A", "B"}, g.WaitingOn("A"))
}

// TestWaitsOnLimit: a packet that waits on more than WaitsOnLimit packets
// lists the nearest ones, ties broken by ID, and says the list is cut.
func TestWaitsOnLimit(t *testing.T) {
	ps := []*parser.Packet{pkt("FAR-1")}
	var direct []string
	for i := range WaitsOnLimit + 50 {
		id := fmt.Sprintf("NEAR-%03d", i)
		direct = append(direct, id)
		ps = append(ps, pkt(id, req("FAR-1")))
	}
	ps = append(ps, pkt("TOP-1", req(direct...)), pkt("MID-1", req("NEAR-000")))
	g := New(ps)

	byID := map[string]Blocked{}
	for _, b := range g.Blocked() {
		byID[b.ID] = b
	}
	top := byID["TOP-1"]
	assert.True(t, top.WaitsOnTruncated)
	assert.Equal(t, direct[:WaitsOnLimit], top.WaitsOn, "one row away, the smallest IDs; FAR-1 is two rows away")
	mid := byID["MID-1"]
	assert.False(t, mid.WaitsOnTruncated)
	assert.Equal(t, []string{"FAR-1", "NEAR-000"}, mid.WaitsOn)
	assert.Len(t, g.WaitingOn("FAR-1"), WaitsOnLimit+50+2, "WaitingOn is never cut")
}

// TestMissingDependencyBlocks: a packet that requires an ID no file has
// cannot start: it is blocked (saying which ID) and not ready.
func TestMissingDependencyBlocks(t *testing.T) {
	w := pkt("W-001")
	w.Missing = []parser.Ref{{ID: "WP-104", Line: 5}, {ID: "WP-104", Line: 6}}
	g := New([]*parser.Packet{w, pkt("W-002")})
	blocked := g.Blocked()
	require.Len(t, blocked, 1)
	assert.Equal(t, "W-001", blocked[0].ID)
	assert.Equal(t, []string{"WP-104"}, blocked[0].Missing)
	assert.Empty(t, blocked[0].BlockedBy)
	assert.Equal(t, []string{"W-002"}, g.Ready())
}

// TestCancelledAndBlockedByStatus: a cancelled packet is no work and
// blocks nothing; a packet whose own Status says Blocked is blocked even
// with no row saying by what, and is not ready.
func TestCancelledAndBlockedByStatus(t *testing.T) {
	cancelled := func(p *parser.Packet) { p.Status = parser.Cancelled }
	blockedByStatus := func(p *parser.Packet) { p.StatusBlocked = true }
	g := New([]*parser.Packet{
		pkt("A-1", cancelled),
		pkt("A-2", req("A-1")),
		pkt("A-3", blockedByStatus),
		pkt("A-4", req("A-3")),
	})
	assert.Equal(t, []string{"A-2"}, g.Ready())
	assert.NotContains(t, g.Order(nil, false), "A-1")
	bl := g.Blocked()
	require.Len(t, bl, 2)
	assert.Equal(t, "A-3", bl[0].ID)
	assert.True(t, bl[0].ByStatus)
	assert.Empty(t, bl[0].BlockedBy)
	assert.Equal(t, "A-4", bl[1].ID)
	assert.False(t, bl[1].ByStatus)
	assert.Equal(t, []string{"A-3"}, bl[1].BlockedBy)
}

// TestBlockedSeqAsBlocked: the records BlockedSeq yields one at a time,
// each copied before the next, are Blocked's, on a graph with chains
// longer than WaitsOnLimit, cycles, externals and missing IDs.
func TestBlockedSeqAsBlocked(t *testing.T) {
	ps := benchPackets(3000)
	for i, p := range ps {
		switch i % 97 {
		case 1:
			ext("Vendor", parser.Blocking)(p)
		case 2:
			p.Missing = append(p.Missing, parser.Ref{ID: "GONE-1"}, parser.Ref{ID: "GONE-1"})
		case 3:
			p.StatusBlocked = true
		}
	}
	g := New(ps)
	var got []Blocked
	for b := range g.BlockedSeq() {
		b.BlockedBy = slices.Clone(b.BlockedBy)
		b.WaitsOn = slices.Clone(b.WaitsOn)
		got = append(got, b)
	}
	want := g.Blocked()
	require.Greater(t, len(want), 1000)
	assert.Equal(t, want, got)

	// Stopping early stops the walk.
	n := 0
	for range g.BlockedSeq() {
		if n++; n == 5 {
			break
		}
	}
	assert.Equal(t, 5, n)
}
