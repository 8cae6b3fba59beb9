package graph

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// opt configures a test packet.
type opt func(*parser.Packet)

// pkt builds a packet: not started, no priority, file "<id>.md", heading at
// line 1. Rows get lines 10, 11, ... in the order the options add them.
func pkt(id string, opts ...opt) *parser.Packet {
	p := &parser.Packet{ID: id, Title: "Title of " + id, File: id + ".md", Line: 1, Priority: parser.NoPriority}
	for _, o := range opts {
		o(p)
	}
	return p
}

func nextLine(p *parser.Packet) int {
	return 10 + len(p.Requires) + len(p.Optional) + len(p.Externals)
}

func pri(n int) opt { return func(p *parser.Packet) { p.Priority = parser.Priority(n) } }

func done(p *parser.Packet) { p.Status = parser.Complete }
func wip(p *parser.Packet)  { p.Status = parser.InProgress }

func req(ids ...string) opt {
	return func(p *parser.Packet) {
		for _, id := range ids {
			p.Requires = append(p.Requires, parser.Ref{ID: id, Line: nextLine(p)})
		}
	}
}

func optional(ids ...string) opt {
	return func(p *parser.Packet) {
		for _, id := range ids {
			p.Optional = append(p.Optional, parser.Ref{ID: id, Line: nextLine(p)})
		}
	}
}

func ext(name string, class parser.ExternalClass) opt {
	return func(p *parser.Packet) {
		p.Externals = append(p.Externals, parser.External{Name: name, Class: class, Required: true, Line: nextLine(p)})
	}
}

func file(f string) opt { return func(p *parser.Packet) { p.File = f } }

func effort(low, high float64) opt {
	return func(p *parser.Packet) { p.Effort = &parser.Effort{Low: low, High: high} }
}

func title(t string) opt { return func(p *parser.Packet) { p.Title = t } }

// chainID names the i-th packet of a generated set so that IDs sort in
// numeric order.
func chainID(i int) string { return fmt.Sprintf("GEN-%06d", i) }

// requireAcyclicDAG checks that the DAG edges of g have no cycle and returns
// a topological position for every packet.
func requireAcyclicDAG(t *testing.T, g *Graph) map[string]int {
	t.Helper()
	indeg := map[string]int{}
	for _, p := range g.Packets() {
		indeg[p.ID] = len(g.DAGRequires(p.ID))
	}
	dependents := map[string][]string{}
	var queue []string
	for _, p := range g.Packets() {
		for _, d := range g.DAGRequires(p.ID) {
			dependents[d] = append(dependents[d], p.ID)
		}
		if indeg[p.ID] == 0 {
			queue = append(queue, p.ID)
		}
	}
	pos := map[string]int{}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		pos[id] = len(pos)
		for _, j := range dependents[id] {
			if indeg[j]--; indeg[j] == 0 {
				queue = append(queue, j)
			}
		}
	}
	require.Len(t, pos, len(g.Packets()), "DAGRequires still has a cycle")
	return pos
}
