package graph

import (
	"fmt"
	"io"
	"math"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	gonum "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/iterator"

	"github.com/workpackets/plan/parser"
)

// DOTOptions adds what the graph does not know to the drawing.
type DOTOptions struct {
	// Critical is the critical path, as packet IDs in order; the edges
	// between consecutive IDs are drawn bold.
	Critical []string
}

// WriteDOT writes g as a Graphviz digraph, encoded by gonum's
// graph/encoding/dot. Each packet is a box labelled with its ID, title and
// estimated effort, filled by status (white: not started, yellow: in
// progress, green: complete); blocked packets have a bold red border and a
// "blocked" line. Required rows are arrows from the dependency to the packet
// that requires it; optional rows are dashed; rows inside a cycle are red,
// and the rows of its cut are labelled "cut"; critical-path rows are bold.
// When the packets' files lie in more than one top-level folder, each folder
// is a cluster. The same input always gives the same bytes.
//
// Every ID, label and name is quoted for DOT before gonum sees it, because
// gonum passes a value that looks like an HTML string (<...>) through
// unquoted, which Graphviz would read as markup.
func WriteDOT(w io.Writer, g *Graph, opts DOTOptions) error {
	b, err := dot.Marshal(newDOTGraph(g, opts), "", "", "  ")
	if err != nil {
		return fmt.Errorf("graph: encoding DOT: %w", err)
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// quote makes s a DOT double-quoted string, as Graphviz reads it: only '"',
// '\\' and newlines are escaped, so a zero-width joiner or any other
// character reaches the picture as itself (strconv.Quote's \u200d is not
// DOT and would be drawn as "u200d"). Characters that must never reach a
// picture are replaced as in every other picture (see hidden). The result
// is a quoted ID that gonum's encoder writes unchanged.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case hidden(r, size):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotGraph adapts a Graph to gonum's graph.Directed with the DOT
// interfaces (dot.Graph, dot.Attributers, dot.Structurer). Unlike gonum's
// simple graphs it allows the self edge of a packet that requires itself.
type dotGraph struct {
	nodes    []*dotNode
	from, to [][]int // sorted
	edges    map[edge]*dotEdge
	clusters []*dotCluster
}

var (
	_ dot.Graph       = (*dotGraph)(nil)
	_ dot.Attributers = (*dotGraph)(nil)
	_ dot.Structurer  = (*dotGraph)(nil)
	_ dot.Graph       = (*dotCluster)(nil)
	_ dot.Attributers = (*dotCluster)(nil)
)

func newDOTGraph(g *Graph, opts DOTOptions) *dotGraph {
	n := len(g.packets)
	d := &dotGraph{
		nodes: make([]*dotNode, n),
		from:  make([][]int, n),
		to:    make([][]int, n),
		edges: make(map[edge]*dotEdge),
	}
	for i, p := range g.packets {
		d.nodes[i] = &dotNode{id: int64(i), name: p.ID, attrs: nodeAttributes(p, !g.done(i) && g.blocked(i))}
	}
	add := func(e edge, de *dotEdge) {
		d.edges[e] = de
		d.from[e.from] = append(d.from[e.from], e.to)
		d.to[e.to] = append(d.to[e.to], e.from)
	}
	for to := range n {
		for _, from := range g.req[to] {
			e := edge{from, to}
			de := &dotEdge{from: d.nodes[from], to: d.nodes[to]}
			if g.comp[from] == g.comp[to] && g.cyclic[g.comp[to]] {
				de.cycle = true
				de.cut = g.cut[e]
			}
			add(e, de)
		}
		for _, r := range g.packets[to].Optional {
			from, ok := g.index[r.ID]
			if !ok || from == to {
				continue
			}
			e := edge{from, to}
			if _, dup := d.edges[e]; dup {
				continue // already required, or optional twice
			}
			add(e, &dotEdge{from: d.nodes[from], to: d.nodes[to], optional: true})
		}
	}
	for k := 0; k+1 < len(opts.Critical); k++ {
		from, ok1 := g.index[opts.Critical[k]]
		to, ok2 := g.index[opts.Critical[k+1]]
		if de := d.edges[edge{from, to}]; ok1 && ok2 && de != nil && !de.optional {
			de.critical = true
		}
	}
	for i := range n {
		slices.Sort(d.from[i])
		slices.Sort(d.to[i])
	}

	folders := topFolders(g.packets)
	byFolder := map[string]*dotCluster{}
	for i, f := range folders {
		if f == "" {
			continue
		}
		c := byFolder[f]
		if c == nil {
			c = &dotCluster{name: f}
			byFolder[f] = c
			d.clusters = append(d.clusters, c)
		}
		c.nodes = append(c.nodes, d.nodes[i])
		d.nodes[i].clustered = true
	}
	slices.SortFunc(d.clusters, func(a, b *dotCluster) int { return strings.Compare(a.name, b.name) })
	return d
}

// nodeAttributes draws one packet.
func nodeAttributes(p *parser.Packet, blocked bool) []encoding.Attribute {
	lines := []string{p.ID}
	if p.Title != "" {
		lines = append(lines, p.Title)
	}
	if e := effortText(p); e != "" {
		lines = append(lines, e)
	}
	if blocked {
		lines = append(lines, "blocked")
	}
	fill := "white"
	switch p.Status {
	case parser.InProgress:
		fill = "lightgoldenrod1"
	case parser.Complete:
		fill = "palegreen"
	case parser.Cancelled:
		fill = "lightgrey"
	}
	attrs := []encoding.Attribute{
		{Key: "label", Value: quote(strings.Join(lines, "\n"))},
		{Key: "fillcolor", Value: quote(fill)},
	}
	if blocked {
		attrs = append(attrs,
			encoding.Attribute{Key: "color", Value: quote("red")},
			encoding.Attribute{Key: "penwidth", Value: quote("2")},
		)
	}
	return attrs
}

// effortText writes an estimate as "3-4d", "5d" or "2-8d (likely 3)", with
// "50% done" for in-progress packets that state a percentage.
func effortText(p *parser.Packet) string {
	var parts []string
	if e := p.Effort; e != nil {
		s := days(e.Low) + "d"
		if days(e.High) != days(e.Low) {
			s = days(e.Low) + "-" + days(e.High) + "d"
		}
		if e.HasLikely {
			s += " (likely " + days(e.Likely) + ")"
		}
		parts = append(parts, s)
	}
	if p.Status == parser.InProgress && p.Progress != nil {
		parts = append(parts, strconv.Itoa(*p.Progress)+"% done")
	}
	return strings.Join(parts, ", ")
}

// days formats a number of days with at most two decimals.
func days(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

// topFolders returns, for each packet, the first folder of its file below
// the common folder of all the files, or "" when the file lies directly in
// that common folder. When that gives fewer than two folders, everything is
// "" (no clusters).
func topFolders(packets []*parser.Packet) []string {
	dirs := make([][]string, len(packets))
	var root []string
	for k, p := range packets {
		dir := path.Dir(path.Clean(filepath.ToSlash(p.File)))
		if dir != "." {
			dirs[k] = strings.Split(dir, "/")
		}
		if k == 0 {
			root = dirs[k]
			continue
		}
		m := 0
		for m < len(root) && m < len(dirs[k]) && root[m] == dirs[k][m] {
			m++
		}
		root = root[:m]
	}
	out := make([]string, len(packets))
	distinct := map[string]bool{}
	for k, d := range dirs {
		if len(d) > len(root) {
			out[k] = d[len(root)]
		}
		distinct[out[k]] = true
	}
	if len(distinct) < 2 {
		clear(out)
	}
	return out
}

// Graph methods for gonum.

func (d *dotGraph) DOTID() string { return quote("plan") }

func (d *dotGraph) DOTAttributers() (graph, node, edge encoding.Attributer) {
	return attributes{{Key: "rankdir", Value: quote("LR")}},
		attributes{
			{Key: "shape", Value: quote("box")},
			{Key: "style", Value: quote("rounded,filled")},
		},
		attributes{}
}

func (d *dotGraph) Structure() []dot.Graph {
	out := make([]dot.Graph, len(d.clusters))
	for k, c := range d.clusters {
		out[k] = c
	}
	return out
}

func (d *dotGraph) Node(id int64) gonum.Node {
	if id < 0 || id >= int64(len(d.nodes)) {
		return nil
	}
	return d.nodes[id]
}

// Nodes lists every packet; those drawn inside a cluster are listed here
// by name only, their attributes are written in the cluster.
func (d *dotGraph) Nodes() gonum.Nodes {
	ns := make([]gonum.Node, len(d.nodes))
	for k, n := range d.nodes {
		if n.clustered {
			ns[k] = bareNode{id: n.id, name: n.name}
		} else {
			ns[k] = n
		}
	}
	return iterator.NewOrderedNodes(ns)
}

func (d *dotGraph) From(id int64) gonum.Nodes { return d.bare(d.from, id) }
func (d *dotGraph) To(id int64) gonum.Nodes   { return d.bare(d.to, id) }

func (d *dotGraph) bare(adj [][]int, id int64) gonum.Nodes {
	if id < 0 || id >= int64(len(adj)) || len(adj[id]) == 0 {
		return gonum.Empty
	}
	ns := make([]gonum.Node, len(adj[id]))
	for k, i := range adj[id] {
		ns[k] = bareNode{id: int64(i), name: d.nodes[i].name}
	}
	return iterator.NewOrderedNodes(ns)
}

func (d *dotGraph) HasEdgeBetween(x, y int64) bool {
	return d.HasEdgeFromTo(x, y) || d.HasEdgeFromTo(y, x)
}

func (d *dotGraph) HasEdgeFromTo(u, v int64) bool {
	_, ok := d.edges[edge{int(u), int(v)}]
	return ok
}

func (d *dotGraph) Edge(u, v int64) gonum.Edge {
	if e, ok := d.edges[edge{int(u), int(v)}]; ok {
		return e
	}
	return nil
}

// attributes is a fixed attribute list.
type attributes []encoding.Attribute

func (a attributes) Attributes() []encoding.Attribute { return a }

// dotNode is a packet with its drawing attributes.
type dotNode struct {
	id        int64
	name      string
	attrs     []encoding.Attribute
	clustered bool
}

func (n *dotNode) ID() int64                        { return n.id }
func (n *dotNode) DOTID() string                    { return quote(n.name) }
func (n *dotNode) Attributes() []encoding.Attribute { return n.attrs }

// bareNode names a packet without attributes.
type bareNode struct {
	id   int64
	name string
}

func (n bareNode) ID() int64     { return n.id }
func (n bareNode) DOTID() string { return quote(n.name) }

// dotEdge is one row, drawn.
type dotEdge struct {
	from, to                       *dotNode
	optional, cycle, cut, critical bool
}

func (e *dotEdge) From() gonum.Node         { return e.from }
func (e *dotEdge) To() gonum.Node           { return e.to }
func (e *dotEdge) ReversedEdge() gonum.Edge { return &dotEdge{from: e.to, to: e.from} }

func (e *dotEdge) Attributes() []encoding.Attribute {
	var styles []string
	var attrs []encoding.Attribute
	if e.optional {
		styles = append(styles, "dashed")
	}
	if e.critical {
		styles = append(styles, "bold")
		attrs = append(attrs, encoding.Attribute{Key: "penwidth", Value: quote("2")})
	}
	if e.cycle {
		attrs = append(attrs, encoding.Attribute{Key: "color", Value: quote("red")})
	}
	if e.cut {
		attrs = append(attrs,
			encoding.Attribute{Key: "label", Value: quote("cut")},
			encoding.Attribute{Key: "fontcolor", Value: quote("red")},
		)
	}
	if len(styles) > 0 {
		attrs = append([]encoding.Attribute{{Key: "style", Value: quote(strings.Join(styles, ","))}}, attrs...)
	}
	return attrs
}

// dotCluster is the subgraph of one top-level folder.
type dotCluster struct {
	name  string
	nodes []*dotNode
}

func (c *dotCluster) DOTID() string { return quote("cluster_" + c.name) }

func (c *dotCluster) DOTAttributers() (graph, node, edge encoding.Attributer) {
	return attributes{
		{Key: "label", Value: quote(c.name + "/")},
		{Key: "style", Value: quote("rounded")},
		{Key: "color", Value: quote("gray50")},
	}, attributes{}, attributes{}
}

func (c *dotCluster) Node(id int64) gonum.Node {
	for _, n := range c.nodes {
		if n.id == id {
			return n
		}
	}
	return nil
}

func (c *dotCluster) Nodes() gonum.Nodes {
	ns := make([]gonum.Node, len(c.nodes))
	for k, n := range c.nodes {
		ns[k] = n
	}
	return iterator.NewOrderedNodes(ns)
}

func (c *dotCluster) From(int64) gonum.Nodes         { return gonum.Empty }
func (c *dotCluster) To(int64) gonum.Nodes           { return gonum.Empty }
func (c *dotCluster) HasEdgeBetween(_, _ int64) bool { return false }
func (c *dotCluster) HasEdgeFromTo(_, _ int64) bool  { return false }
func (c *dotCluster) Edge(_, _ int64) gonum.Edge     { return nil }
