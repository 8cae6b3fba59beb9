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

// WriteDOT writes g as a Graphviz digraph, encoded by gonum's
// graph/encoding/dot, for a meeting to read without help: a legend says
// what every fill, border, shape and line means (only what the picture
// uses).
//
// Each packet is a box labelled with its ID, title (wrapped) and remaining
// effort as the text report says it ("no estimate" when there is none),
// filled by status: white not started, yellow in progress, green complete,
// grey cancelled. Red is kept for what cannot start however the other
// work goes: a packet blocked by an external, in a cycle, requiring an ID
// no file has, or blocked by its own Status, with a line saying which; a
// packet that merely waits on unfinished packets is white. Externals that
// block or put at risk an unfinished packet are octagons (red: blocking,
// orange: at risk) with an arrow to each packet they hold up. Critical
// packets (zero slack, see [PictureOptions]) have a thick blue border and
// the rows between them along which no time is lost are thick blue.
//
// Required rows are arrows from the dependency to the packet that requires
// it; optional rows are dashed grey and never move a box (constraint=false),
// nor do the cut rows of a cycle, so every box sits right of what it
// waits on. Rows inside a cycle are red, the rows of its cut labelled "cut".
// A row that a longer chain of required rows already implies is left out
// unless opts.AllEdges is set. Packets with no line at all are set out in
// rows rather than one tall column. When the packets' files lie in more
// than one top-level folder, each folder is a cluster. The same input
// always gives the same bytes.
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

// dotGraph adapts a picture to gonum's graph.Directed with the DOT
// interfaces (dot.Graph, dot.Attributers, dot.Structurer). Unlike gonum's
// simple graphs it allows the self edge of a packet that requires itself.
// Its nodes are the packets (IDs 0..n-1, in packet order), then the
// externals, then the legend's samples.
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

// The colours of the pictures: fills light enough for black text, and red
// kept for what blocks.
const (
	colourInProgress     = "#ffec8b"
	colourComplete       = "#98fb98"
	colourCancelled      = "#d3d3d3"
	colourBlocked        = "#ffc0c0"
	colourRed            = "#ff0000"
	colourCritical       = "#0000cd"
	colourExtBlocking    = "#ff9e9e"
	colourExtAtRisk      = "#ffd27f"
	colourAtRisk         = "#ff8c00"
	colourOptional       = "#737373"
	titleWidth           = 32 // characters of a title line in a DOT box
	dotCriticalPenwidth  = "4"
	dotCriticalEdgeWidth = "3"
)

func attr(k, v string) encoding.Attribute { return encoding.Attribute{Key: k, Value: quote(v)} }

// setAttr sets key k to v in attrs: a later setting replaces an earlier
// one in place, so that no attribute is written twice.
func setAttr(attrs []encoding.Attribute, k, v string) []encoding.Attribute {
	for i := range attrs {
		if attrs[i].Key == k {
			attrs[i].Value = quote(v)
			return attrs
		}
	}
	return append(attrs, attr(k, v))
}

func newDOTGraph(g *Graph, opts DOTOptions) *dotGraph {
	pic := newPicture(g, opts)
	n := len(g.packets)
	d := &dotGraph{edges: make(map[edge]*dotEdge)}
	taken := map[string]bool{}
	for _, p := range g.packets {
		taken[p.ID] = true
	}
	addNode := func(name string, attrs []encoding.Attribute) *dotNode {
		nd := &dotNode{id: int64(len(d.nodes)), name: name, attrs: attrs}
		d.nodes = append(d.nodes, nd)
		d.from = append(d.from, nil)
		d.to = append(d.to, nil)
		return nd
	}
	addEdge := func(from, to *dotNode, attrs []encoding.Attribute) {
		e := edge{int(from.id), int(to.id)}
		d.edges[e] = &dotEdge{from: from, to: to, attrs: attrs}
		d.from[e.from] = append(d.from[e.from], e.to)
		d.to[e.to] = append(d.to[e.to], e.from)
	}
	for i := range n {
		addNode(g.packets[i].ID, packetAttributes(&pic.nodes[i]))
	}
	for _, e := range pic.edges {
		addEdge(d.nodes[e.from], d.nodes[e.to], edgeAttributes(e))
	}
	for _, x := range pic.externals {
		xn := addNode(freeName("external: "+x.name, taken), externalAttributes(x))
		for _, e := range x.to {
			addEdge(xn, d.nodes[e.to], externalEdgeAttributes(e.blocking))
		}
	}
	gridIsolated(pic, d.nodes[:n], addEdge)

	clusterNames := map[string]bool{}
	byFolder := map[string]*dotCluster{}
	for i, f := range pic.folders {
		if f == "" {
			continue
		}
		c := byFolder[f]
		if c == nil {
			c = &dotCluster{name: "cluster_" + f, attrs: attributes{
				attr("label", f+"/"),
				attr("style", "rounded"),
				attr("color", "gray50"),
			}}
			clusterNames[c.name] = true
			byFolder[f] = c
			d.clusters = append(d.clusters, c)
		}
		c.nodes = append(c.nodes, d.nodes[i])
		d.nodes[i].clustered = true
	}
	slices.SortFunc(d.clusters, func(a, b *dotCluster) int { return strings.Compare(a.name, b.name) })

	if len(pic.legend) > 0 {
		legend := &dotCluster{name: freeName("cluster_legend", clusterNames), attrs: attributes{
			attr("label", "Legend"),
			attr("style", "rounded"),
			attr("color", "gray50"),
		}}
		add := func(attrs ...encoding.Attribute) *dotNode {
			if attrs[0].Key == "label" {
				attrs = append(attrs, attr("fontsize", "12"))
			}
			nd := addNode(freeName("legend: "+strconv.Itoa(len(legend.nodes)+1), taken), attrs)
			nd.clustered = true
			legend.nodes = append(legend.nodes, nd)
			return nd
		}
		// The sample boxes go two to a row (an invisible edge puts the
		// second right of the first), so that the legend is half as tall.
		var boxes []*dotNode
		for _, entry := range pic.legend {
			text := legendText[entry]
			if attrs, ok := legendNodeAttributes(entry, text); ok {
				box := add(attrs...)
				if len(boxes)%2 == 1 {
					addEdge(boxes[len(boxes)-1], box, []encoding.Attribute{attr("style", "invis")})
				}
				boxes = append(boxes, box)
				continue
			}
			// One group per sample keeps its line straight.
			group := attr("group", "legend "+strconv.Itoa(len(legend.nodes)+1))
			tail := add(attr("shape", "point"), attr("width", "0.08"), group)
			head := add(attr("label", text), attr("shape", "plaintext"), attr("style", ""), group)
			addEdge(tail, head, legendEdgeAttributes(entry))
		}
		d.clusters = append(d.clusters, legend)
	}
	for i := range d.nodes {
		slices.Sort(d.from[i])
		slices.Sort(d.to[i])
	}
	return d
}

// gridIsolated lays out the packets that have no line at all in rows:
// left alone, Graphviz stacks them all in one column (the first rank),
// which for a folder of finished packets makes a picture many screens
// tall. Each folder's isolated packets, in ID order, are chained by
// invisible edges into rows of about the square root of their number.
func gridIsolated(pic *picture, packets []*dotNode, addEdge func(from, to *dotNode, attrs []encoding.Attribute)) {
	linked := make([]bool, len(packets))
	for _, e := range pic.edges {
		linked[e.from], linked[e.to] = true, true
	}
	for _, x := range pic.externals {
		for _, e := range x.to {
			linked[e.to] = true
		}
	}
	byFolder := map[string][]int{}
	var folders []string
	for i, f := range pic.folders {
		if linked[i] {
			continue
		}
		if _, ok := byFolder[f]; !ok {
			folders = append(folders, f)
		}
		byFolder[f] = append(byFolder[f], i)
	}
	slices.Sort(folders)
	for _, f := range folders {
		is := byFolder[f]
		width := int(math.Ceil(math.Sqrt(float64(len(is)))))
		for k := 1; k < len(is); k++ {
			if k%width != 0 {
				addEdge(packets[is[k-1]], packets[is[k]], []encoding.Attribute{attr("style", "invis")})
			}
		}
	}
}

// packetAttributes draws one packet.
func packetAttributes(nd *picNode) []encoding.Attribute {
	lines := []string{nd.id}
	if nd.title != "" {
		lines = append(lines, wrapWords(nd.title, titleWidth)...)
	}
	lines = append(lines, nd.effort)
	lines = append(lines, nd.state...)
	attrs := []encoding.Attribute{attr("label", strings.Join(lines, "\n"))}
	attrs = append(attrs, fillAttributes(nd.fill)...)
	if nd.cycle {
		attrs = setAttr(attrs, "style", "rounded,filled,dashed")
	}
	if nd.critical {
		// The fill still says blocked; the border says critical.
		attrs = setAttr(attrs, "color", colourCritical)
		attrs = setAttr(attrs, "penwidth", dotCriticalPenwidth)
	}
	return attrs
}

// fillAttributes are the fill and border of a packet's status.
func fillAttributes(f fill) []encoding.Attribute {
	switch f {
	case fillInProgress:
		return []encoding.Attribute{attr("fillcolor", colourInProgress)}
	case fillComplete:
		return []encoding.Attribute{attr("fillcolor", colourComplete)}
	case fillCancelled:
		return []encoding.Attribute{attr("fillcolor", colourCancelled), attr("fontcolor", "gray30")}
	case fillBlocked:
		return []encoding.Attribute{attr("fillcolor", colourBlocked), attr("color", colourRed), attr("penwidth", "2")}
	}
	return []encoding.Attribute{attr("fillcolor", "white")}
}

// externalAttributes draws an external dependency: an octagon, red when
// it blocks a packet, orange when it only puts packets at risk.
func externalAttributes(x picExternal) []encoding.Attribute {
	kind, fillc, border := "external, at risk", colourExtAtRisk, colourAtRisk
	if x.blocking {
		kind, fillc, border = "external, blocks", colourExtBlocking, colourRed
	}
	lines := append(wrapWords(x.name, titleWidth), kind)
	return []encoding.Attribute{
		attr("label", strings.Join(lines, "\n")),
		attr("shape", "octagon"),
		attr("style", "filled"),
		attr("fillcolor", fillc),
		attr("color", border),
	}
}

// externalEdgeAttributes draws the arrow from an external to a packet it
// blocks (red) or puts at risk (orange, dashed).
func externalEdgeAttributes(blocking bool) []encoding.Attribute {
	if blocking {
		return []encoding.Attribute{attr("color", colourRed), attr("penwidth", "2")}
	}
	return []encoding.Attribute{attr("color", colourAtRisk), attr("style", "dashed")}
}

// edgeAttributes draws one row between packets.
func edgeAttributes(e picEdge) []encoding.Attribute {
	var attrs []encoding.Attribute
	switch {
	case e.optional:
		attrs = append(attrs, attr("style", "dashed"), attr("color", colourOptional), attr("constraint", "false"))
	case e.critical:
		attrs = append(attrs, attr("color", colourCritical), attr("penwidth", dotCriticalEdgeWidth))
	}
	if e.cycle {
		attrs = setAttr(attrs, "color", colourRed)
	}
	if e.cut {
		// The cut row points backwards; letting it order the boxes would
		// put a packet left of what it waits on.
		attrs = append(attrs, attr("label", "cut"), attr("fontcolor", colourRed), attr("constraint", "false"))
	}
	return attrs
}

// legendNodeAttributes draws the sample box of a legend entry about
// boxes; ok is false for entries about lines.
func legendNodeAttributes(entry legendEntry, text string) (attrs []encoding.Attribute, ok bool) {
	label := attr("label", strings.Join(wrapWords(text, titleWidth), "\n"))
	switch entry {
	case legendNotStarted:
		return append([]encoding.Attribute{label}, fillAttributes(fillNotStarted)...), true
	case legendInProgress:
		return append([]encoding.Attribute{label}, fillAttributes(fillInProgress)...), true
	case legendComplete:
		return append([]encoding.Attribute{label}, fillAttributes(fillComplete)...), true
	case legendCancelled:
		return append([]encoding.Attribute{label}, fillAttributes(fillCancelled)...), true
	case legendBlocked:
		return append([]encoding.Attribute{label}, fillAttributes(fillBlocked)...), true
	case legendCritical:
		return []encoding.Attribute{label, attr("fillcolor", "white"), attr("color", colourCritical), attr("penwidth", dotCriticalPenwidth)}, true
	case legendExternalBlocking, legendExternalAtRisk:
		x := externalAttributes(picExternal{blocking: entry == legendExternalBlocking})
		return append([]encoding.Attribute{label}, x[1:]...), true
	}
	return nil, false
}

// legendEdgeAttributes draws the sample line of a legend entry about
// lines.
func legendEdgeAttributes(entry legendEntry) []encoding.Attribute {
	var attrs []encoding.Attribute
	switch entry {
	case legendCriticalEdge:
		attrs = edgeAttributes(picEdge{critical: true})
	case legendOptional:
		attrs = edgeAttributes(picEdge{optional: true})
	case legendCycle:
		attrs = edgeAttributes(picEdge{cycle: true, cut: true})
	}
	// A sample's line must order its two ends, or the text could sit on
	// top of its line.
	return slices.DeleteFunc(attrs, func(a encoding.Attribute) bool { return a.Key == "constraint" })
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
	// newrank ranks the packets over all clusters at once: ranked
	// cluster by cluster, a row between two folders can point right to
	// left.
	return attributes{{Key: "rankdir", Value: quote("LR")}, {Key: "newrank", Value: quote("true")}},
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

// Nodes lists every node; those drawn inside a cluster are listed here
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

// dotNode is a packet, an external or a legend sample, with its drawing
// attributes.
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

// dotEdge is one line, drawn.
type dotEdge struct {
	from, to *dotNode
	attrs    []encoding.Attribute
}

func (e *dotEdge) From() gonum.Node                 { return e.from }
func (e *dotEdge) To() gonum.Node                   { return e.to }
func (e *dotEdge) ReversedEdge() gonum.Edge         { return &dotEdge{from: e.to, to: e.from} }
func (e *dotEdge) Attributes() []encoding.Attribute { return e.attrs }

// dotCluster is the subgraph of one top-level folder, or the legend.
type dotCluster struct {
	name  string // its DOT ID, "cluster_..."
	attrs attributes
	nodes []*dotNode
}

func (c *dotCluster) DOTID() string { return quote(c.name) }

func (c *dotCluster) DOTAttributers() (graph, node, edge encoding.Attributer) {
	return c.attrs, attributes{}, attributes{}
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
