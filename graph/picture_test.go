package graph

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	dotparser "gonum.org/v1/gonum/graph/formats/dot"
	"gonum.org/v1/gonum/graph/formats/dot/ast"

	"github.com/workpackets/plan/parser"
)

// drawn is a DOT picture read back with gonum's DOT parser: what Graphviz
// is told about every node and edge.
type drawn struct {
	nodes map[string]map[string]string // node -> attribute -> value (unquoted)
	edges map[[2]string]map[string]string
	order []string // node statements in the order written
}

func (d drawn) node(t *testing.T, id string) map[string]string {
	t.Helper()
	a, ok := d.nodes[id]
	require.True(t, ok, "node %q is drawn", id)
	return a
}

func (d drawn) edge(from, to string) (map[string]string, bool) {
	a, ok := d.edges[[2]string{from, to}]
	return a, ok
}

func unquoteDOT(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// writeDrawn writes g as DOT, checks that Graphviz renders it (when dot
// is installed) and reads it back.
func writeDrawn(t *testing.T, g *Graph, opts DOTOptions) (drawn, string) {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, g, opts))
	f, err := dotparser.ParseString(buf.String())
	require.NoError(t, err, "gonum reads the DOT back")
	d := drawn{nodes: map[string]map[string]string{}, edges: map[[2]string]map[string]string{}}
	var walk func([]ast.Stmt)
	walk = func(stmts []ast.Stmt) {
		for _, s := range stmts {
			switch s := s.(type) {
			case *ast.NodeStmt:
				id := unquoteDOT(s.Node.ID)
				if d.nodes[id] == nil {
					d.nodes[id] = map[string]string{}
					d.order = append(d.order, id)
				}
				for _, a := range s.Attrs {
					d.nodes[id][a.Key] = unquoteDOT(a.Val)
				}
			case *ast.EdgeStmt:
				from := unquoteDOT(s.From.(*ast.Node).ID)
				to := unquoteDOT(s.To.Vertex.(*ast.Node).ID)
				attrs := map[string]string{}
				for _, a := range s.Attrs {
					attrs[a.Key] = unquoteDOT(a.Val)
				}
				d.edges[[2]string{from, to}] = attrs
			case *ast.Subgraph:
				walk(s.Stmts)
			}
		}
	}
	walk(f.Graphs[0].Stmts)
	if _, err := exec.LookPath("dot"); err == nil {
		requireRenders(t, buf.Bytes())
	}
	return d, buf.String()
}

func TestPictureBlockedColourOnlyForWhatCannotStart(t *testing.T) {
	ps := []*parser.Packet{
		pkt("A-1"),
		pkt("B-1", req("A-1")), // waits on a packet only
		pkt("C-1", ext("Stripe account", parser.Blocking)),
		pkt("D-1", func(p *parser.Packet) { p.Missing = []parser.Ref{{ID: "GONE-1", Line: 12}} }),
		pkt("E-1", func(p *parser.Packet) { p.StatusBlocked = true }),
		pkt("F-1", req("G-1")),
		pkt("G-1", req("F-1")),
		pkt("H-1", req("C-1", "F-1")), // waits on blocked packets, is not blocked itself
		pkt("I-1", wip, req("A-1")),
	}
	d, _ := writeDrawn(t, New(ps), DOTOptions{})
	for id, want := range map[string]struct{ fill, line string }{
		"A-1": {"white", ""},
		"B-1": {"white", ""},
		"C-1": {colourBlocked, "blocked by external"},
		"D-1": {colourBlocked, "blocked: GONE-1 (no file)"},
		"E-1": {colourBlocked, "blocked: its own Status"},
		"F-1": {colourBlocked, "blocked: in a cycle"},
		"G-1": {colourBlocked, "blocked: in a cycle"},
		"H-1": {"white", ""},
		"I-1": {colourInProgress, ""},
	} {
		a := d.node(t, id)
		assert.Equal(t, want.fill, a["fillcolor"], id)
		if want.line != "" {
			assert.Contains(t, strings.Split(a["label"], "\n"), want.line, id)
			assert.Equal(t, colourRed, a["color"], id)
		} else {
			assert.NotContains(t, a["label"], "blocked", id)
		}
	}
	assert.Equal(t, "rounded,filled,dashed", d.node(t, "F-1")["style"], "a cycle's members have a dashed border")
}

func TestPictureExternals(t *testing.T) {
	ps := []*parser.Packet{
		pkt("PAY-1", ext("Stripe account", parser.Blocking), ext("Mail provider", parser.AtRisk)),
		pkt("PAY-2", ext("Stripe account", parser.Blocking)),
		pkt("OLD-1", done, ext("Stripe account", parser.Blocking), ext("Legacy API", parser.Blocking)),
		pkt("OPT-1", func(p *parser.Packet) {
			p.Externals = append(p.Externals, parser.External{Name: "Nice SDK", Class: parser.Blocking, Required: false, Line: 20})
		}),
		pkt("OK-1", func(p *parser.Packet) {
			p.Externals = append(p.Externals, parser.External{Name: "Postgres", Class: parser.Available, Required: true, Line: 20})
		}),
	}
	d, _ := writeDrawn(t, New(ps), DOTOptions{})

	stripe := d.node(t, "external: Stripe account")
	assert.Equal(t, "octagon", stripe["shape"])
	assert.Equal(t, colourExtBlocking, stripe["fillcolor"])
	assert.Equal(t, "Stripe account\nexternal, blocks", stripe["label"])
	for _, to := range []string{"PAY-1", "PAY-2"} {
		e, ok := d.edge("external: Stripe account", to)
		require.True(t, ok, "the external points at %s", to)
		assert.Equal(t, colourRed, e["color"])
	}
	_, ok := d.edge("external: Stripe account", "OLD-1")
	assert.False(t, ok, "a complete packet is held up by nothing")

	mail := d.node(t, "external: Mail provider")
	assert.Equal(t, "octagon", mail["shape"])
	assert.Equal(t, colourExtAtRisk, mail["fillcolor"])
	assert.Equal(t, "Mail provider\nexternal, at risk", mail["label"])
	e, ok := d.edge("external: Mail provider", "PAY-1")
	require.True(t, ok)
	assert.Equal(t, "dashed", e["style"])

	for _, id := range []string{"external: Legacy API", "external: Nice SDK", "external: Postgres"} {
		assert.NotContains(t, d.nodes, id, "only externals that block or put unfinished work at risk are drawn")
	}
	assert.Equal(t, colourBlocked, d.node(t, "PAY-1")["fillcolor"])
	assert.Equal(t, "white", d.node(t, "OPT-1")["fillcolor"], "an optional table's blocker does not block")
}

func TestPictureExternalNamesCannotClash(t *testing.T) {
	ps := []*parser.Packet{
		pkt("external: Vendor", title("a packet whose ID looks like an external's node")),
		pkt("legend: 1", title("and one like the legend's"), ext("Vendor", parser.Blocking)),
	}
	d, src := writeDrawn(t, New(ps), DOTOptions{})
	assert.Equal(t, "external: Vendor\na packet whose ID looks like an\nexternal's node\nno estimate", d.node(t, "external: Vendor")["label"])
	x := d.node(t, "external: Vendor 2")
	assert.Equal(t, "octagon", x["shape"])
	_, ok := d.edge("external: Vendor 2", "legend: 1")
	assert.True(t, ok)
	assert.Contains(t, d.node(t, "legend: 1")["label"], "and one like the legend's")
	assert.Contains(t, d.nodes, "legend: 1 2", "the legend's first sample takes another name")
	assert.NotContains(t, src, `"legend: 1" [
      label="not started`)
}

func TestPictureLabelsSayRemainingEffort(t *testing.T) {
	forty := 40
	ps := []*parser.Packet{
		pkt("A-1", done, effort(2, 3)),
		pkt("B-1", wip, effort(3, 4), func(p *parser.Packet) { p.Progress = &forty }),
		pkt("C-1", wip, effort(3, 4)),
		pkt("D-1"),
		pkt("E-1", func(p *parser.Packet) { p.Effort = &parser.Effort{Low: 2, High: 8, Likely: 3, HasLikely: true} }),
		pkt("F-1", func(p *parser.Packet) { p.Status = parser.Cancelled }, effort(1, 1)),
		pkt("G-1", effort(0.125, 0.25)),
	}
	d, _ := writeDrawn(t, New(ps), DOTOptions{})
	for id, want := range map[string]string{
		"A-1": "complete",
		"B-1": "1.8-2.4d left, 40% done",
		"C-1": "3-4d, in progress",
		"D-1": "no estimate",
		"E-1": "2-8d (likely 3)",
		"F-1": "cancelled",
		"G-1": "0.1-0.3d",
	} {
		lines := strings.Split(d.node(t, id)["label"], "\n")
		assert.Equal(t, want, lines[len(lines)-1], id)
	}
}

func TestPictureCriticalMarksEveryZeroSlackChain(t *testing.T) {
	// Two chains of 5 days: A -> B and A -> C (both critical), and
	// X -> Y with slack. P(1) -> Q(4) and R(2) -> S(3) are both zero
	// slack too, but the row P -> S loses a day: it is not critical.
	ps := []*parser.Packet{
		pkt("A-1"), pkt("B-1", req("A-1")), pkt("C-1", req("A-1")),
		pkt("X-1"), pkt("Y-1", req("X-1")),
		pkt("P-1"), pkt("Q-1", req("P-1")), pkt("R-1"), pkt("S-1", req("R-1", "P-1")),
		pkt("DONE-1", done), pkt("Z-1", req("DONE-1")),
	}
	timings := map[string]Timing{
		"A-1": {0, 2, 0}, "B-1": {2, 5, 0}, "C-1": {2, 5, 0},
		"X-1": {0, 1, 2}, "Y-1": {1, 3, 2},
		"P-1": {0, 1, 0}, "Q-1": {1, 5, 0}, "R-1": {0, 2, 0}, "S-1": {2, 5, 0},
		"Z-1": {0, 1, 4},
	}
	d, _ := writeDrawn(t, New(ps), DOTOptions{Critical: []string{"A-1", "B-1"}, Timings: timings})
	for _, id := range []string{"A-1", "B-1", "C-1", "P-1", "Q-1", "R-1", "S-1"} {
		assert.Equal(t, colourCritical, d.node(t, id)["color"], id)
		assert.Equal(t, dotCriticalPenwidth, d.node(t, id)["penwidth"], id)
	}
	for _, id := range []string{"X-1", "Y-1", "DONE-1", "Z-1"} {
		assert.NotEqual(t, colourCritical, d.node(t, id)["color"], id)
	}
	for _, e := range [][2]string{{"A-1", "B-1"}, {"A-1", "C-1"}, {"P-1", "Q-1"}, {"R-1", "S-1"}} {
		a, ok := d.edge(e[0], e[1])
		require.True(t, ok, "%v", e)
		assert.Equal(t, colourCritical, a["color"], "%v", e)
	}
	for _, e := range [][2]string{{"X-1", "Y-1"}, {"P-1", "S-1"}, {"DONE-1", "Z-1"}} {
		a, ok := d.edge(e[0], e[1])
		require.True(t, ok, "%v", e)
		assert.NotEqual(t, colourCritical, a["color"], "%v", e)
	}

	// A cycle's members are never critical: their times come from the
	// plan without its cut.
	cyc := []*parser.Packet{pkt("A-1"), pkt("B-1", req("A-1", "C-1")), pkt("C-1", req("B-1"))}
	d, _ = writeDrawn(t, New(cyc), DOTOptions{Critical: []string{"A-1", "B-1", "C-1"},
		Timings: map[string]Timing{"A-1": {0, 1, 0}, "B-1": {1, 2, 0}, "C-1": {2, 3, 0}}})
	assert.Equal(t, colourCritical, d.node(t, "A-1")["color"])
	assert.Equal(t, colourRed, d.node(t, "B-1")["color"])
	assert.Equal(t, colourRed, d.node(t, "C-1")["color"])
	a, _ := d.edge("A-1", "B-1")
	assert.NotEqual(t, colourCritical, a["color"])

	// Nothing estimated: the plan has no length and nothing is critical.
	zero := map[string]Timing{"A-1": {}, "B-1": {}}
	d, _ = writeDrawn(t, New(ps[:2]), DOTOptions{Timings: zero})
	assert.NotEqual(t, colourCritical, d.node(t, "A-1")["color"])
	for id, a := range d.nodes {
		assert.NotEqual(t, legendText[legendCritical], a["label"], "no critical entry in the legend (%s)", id)
	}
}

func TestPictureOptionalAndCutRowsDoNotOrderTheLayout(t *testing.T) {
	// A -> B -> C required; A optionally uses C's result. Were the
	// optional row a constraint, Graphviz would have to put C left of A.
	ps := []*parser.Packet{
		pkt("A-1", optional("C-1")),
		pkt("B-1", req("A-1")),
		pkt("C-1", req("B-1")),
		pkt("D-1", req("E-1")),
		pkt("E-1", req("D-1")),
	}
	d, src := writeDrawn(t, New(ps), DOTOptions{})
	e, ok := d.edge("C-1", "A-1")
	require.True(t, ok)
	assert.Equal(t, "false", e["constraint"])
	assert.Equal(t, "dashed", e["style"])
	cut := 0
	for k, a := range d.edges {
		if a["label"] == "cut" && !strings.HasPrefix(k[0], "legend: ") {
			cut++
			assert.Equal(t, "false", a["constraint"], "%v", k)
		}
	}
	assert.Equal(t, 1, cut)

	x := plainX(t, src)
	if x == nil {
		return
	}
	assert.Less(t, x["A-1"], x["B-1"])
	assert.Less(t, x["B-1"], x["C-1"], "every box sits right of what it waits on")
}

// plainX lays src out with Graphviz and returns the x position of every
// node, or nil when dot is not installed.
func plainX(t *testing.T, src string) map[string]float64 {
	t.Helper()
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		t.Log("dot (Graphviz) is not installed: layout not checked")
		return nil
	}
	cmd := exec.Command(dotPath, "-Tplain")
	cmd.Stdin = strings.NewReader(src)
	out, err := cmd.Output()
	require.NoError(t, err)
	x := map[string]float64{}
	for _, line := range strings.Split(string(out), "\n") {
		// node name x y width height label ...; a quoted name may hold spaces.
		rest, ok := strings.CutPrefix(line, "node ")
		if !ok {
			continue
		}
		var name string
		if strings.HasPrefix(rest, `"`) {
			end := strings.Index(rest[1:], `"`) + 1
			name, rest = rest[1:end], strings.TrimSpace(rest[end+1:])
		} else {
			name, rest, _ = strings.Cut(rest, " ")
		}
		var v float64
		_, err := fmt.Sscan(rest, &v)
		require.NoError(t, err, line)
		x[name] = v
	}
	return x
}

func TestPictureTransitiveReduction(t *testing.T) {
	ps := []*parser.Packet{
		pkt("A-1"),
		pkt("B-1", req("A-1")),
		pkt("C-1", req("A-1", "B-1"), optional("B-1")),
		pkt("D-1", req("C-1"), optional("A-1")), // the optional row is implied
		pkt("E-1", optional("A-1")),             // not implied: kept
		pkt("F-1", req("G-1", "A-1")),
		pkt("G-1", req("F-1")),
	}
	d, _ := writeDrawn(t, New(ps), DOTOptions{})
	for _, e := range [][2]string{{"A-1", "B-1"}, {"B-1", "C-1"}, {"C-1", "D-1"}, {"A-1", "E-1"}, {"F-1", "G-1"}, {"G-1", "F-1"}, {"A-1", "F-1"}} {
		_, ok := d.edge(e[0], e[1])
		assert.True(t, ok, "%v is drawn", e)
	}
	for _, e := range [][2]string{{"A-1", "C-1"}, {"A-1", "D-1"}} {
		_, ok := d.edge(e[0], e[1])
		assert.False(t, ok, "%v is implied by a longer chain", e)
	}
	all, _ := writeDrawn(t, New(ps), DOTOptions{AllEdges: true})
	for _, e := range [][2]string{{"A-1", "C-1"}, {"A-1", "D-1"}} {
		_, ok := all.edge(e[0], e[1])
		assert.True(t, ok, "%v is drawn with AllEdges", e)
	}
}

// TestPictureReductionKeepsReachability checks the transitive reduction on
// random graphs, some with cycles: what can be reached along the rows
// drawn is what can be reached along all required rows, and on acyclic
// graphs no drawn row is implied by the others.
func TestPictureReductionKeepsReachability(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 14))
	for round := range 200 {
		n := 2 + rng.IntN(12)
		cyclic := round%3 == 0
		ps := make([]*parser.Packet, n)
		for i := range n {
			ps[i] = pkt(chainID(i))
			for j := range n {
				if j != i && (j < i || cyclic) && rng.IntN(3) == 0 {
					ps[i].Requires = append(ps[i].Requires, parser.Ref{ID: chainID(j), Line: 10 + j})
				}
			}
		}
		g := New(ps)
		pic := newPicture(g, PictureOptions{})
		kept := make([][]int, n)
		for _, e := range pic.edges {
			kept[e.from] = append(kept[e.from], e.to)
		}
		reach := func(adj [][]int, from int) []bool {
			seen := make([]bool, n)
			stack := []int{from}
			for len(stack) > 0 {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, v := range adj[u] {
					if !seen[v] {
						seen[v] = true
						stack = append(stack, v)
					}
				}
			}
			return seen
		}
		for u := range n {
			require.Equal(t, reach(g.by, u), reach(kept, u), "round %d: reachability from %d", round, u)
		}
		if len(g.Cycles()) > 0 {
			continue
		}
		for _, e := range pic.edges {
			without := make([][]int, n)
			for _, f := range pic.edges {
				if f != e {
					without[f.from] = append(without[f.from], f.to)
				}
			}
			assert.False(t, reach(without, e.from)[e.to], "round %d: %d -> %d is redundant but drawn", round, e.from, e.to)
		}
	}
}

func TestPictureReductionBudget(t *testing.T) {
	g := New([]*parser.Packet{pkt("A-1"), pkt("B-1", req("A-1")), pkt("C-1", req("A-1", "B-1"))})
	edges := newPicture(g, PictureOptions{AllEdges: true}).edges
	assert.Len(t, g.redundantEdges(edges, reductionBudget), 1)
	assert.Empty(t, g.redundantEdges(edges, 0), "out of budget: every row is drawn")
}

func TestPictureLegendShowsWhatIsUsed(t *testing.T) {
	d, _ := writeDrawn(t, New([]*parser.Packet{pkt("A-1", done), pkt("B-1", req("A-1"))}), DOTOptions{})
	var legend []string
	for _, id := range d.order {
		if strings.HasPrefix(id, "legend: ") && d.nodes[id]["label"] != "" {
			legend = append(legend, d.nodes[id]["label"])
		}
	}
	assert.Equal(t, []string{
		"not started (or waiting on\nearlier packets)",
		"complete",
		"required: left finishes before right starts",
	}, legend)

	d, _ = writeDrawn(t, New(dotExample()), DOTOptions{})
	legend = legend[:0]
	for _, id := range d.order {
		if strings.HasPrefix(id, "legend: ") && d.nodes[id]["label"] != "" {
			legend = append(legend, strings.ReplaceAll(d.nodes[id]["label"], "\n", " "))
		}
	}
	assert.Equal(t, []string{
		legendText[legendNotStarted], legendText[legendInProgress], legendText[legendComplete],
		legendText[legendBlocked], legendText[legendExternalBlocking],
		legendText[legendRequired], legendText[legendOptional], legendText[legendCycle],
	}, legend)

	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, New(nil), DOTOptions{}))
	assert.NotContains(t, buf.String(), "Legend", "nothing to explain in an empty picture")
}

func TestPictureIsolatedPacketsInRows(t *testing.T) {
	var ps []*parser.Packet
	for i := range 9 {
		ps = append(ps, pkt(chainID(i), done))
	}
	_, src := writeDrawn(t, New(ps), DOTOptions{})
	assert.Equal(t, 6, strings.Count(src, `style="invis"`), "three rows of three")
	x := plainX(t, src)
	if x == nil {
		return
	}
	columns := map[float64]bool{}
	for i := range 9 {
		columns[x[chainID(i)]] = true
	}
	assert.Len(t, columns, 3, "nine isolated packets in three columns, not one")
}

// TestPictureMermaidSaysTheSame checks the flowchart of a plan with every
// kind of box and line against the real Mermaid parser and for the same
// meaning as the DOT picture.
func TestPictureMermaidSaysTheSame(t *testing.T) {
	ps := []*parser.Packet{
		pkt("A-1", done),
		pkt("B-1", req("A-1"), ext("Stripe account", parser.Blocking), ext("Mail provider", parser.AtRisk)),
		pkt("C-1", req("A-1", "B-1")),
		pkt("D-1", func(p *parser.Packet) { p.Status = parser.Cancelled }),
		pkt("E-1", req("C-1")),
	}
	timings := map[string]Timing{"B-1": {0, 2, 0}, "C-1": {2, 3, 0}, "E-1": {3, 4, 0}}
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(ps), MermaidOptions{Timings: timings}))
	out := buf.String()
	// n1 A-1, n2 B-1, n3 C-1, n4 D-1, n5 E-1; x1 Mail provider, x2 Stripe account.
	for _, want := range []string{
		"    x1{{\"Mail provider<br/>external, at risk\"}}\n",
		"    x2{{\"Stripe account<br/>external, blocks\"}}\n",
		"    x1 -.-> n2\n",
		"    x2 --> n2\n",
		"    n2 ==> n3\n",
		"    n3 ==> n5\n",
		"    class n2", // blocked
		"    class n2,n3,n5,",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "n1 --> n3", "A-1 -> C-1 is implied by A-1 -> B-1 -> C-1")
	assert.Regexp(t, `(?m)^    class n2(,l\d+)* blocked$`, out)
	assert.Regexp(t, `(?m)^    class n4(,l\d+)* cancelled$`, out)
	assert.Regexp(t, `(?m)^    class n3,n5(,l\d+)* notStarted$`, out, "C-1 waits on a blocked packet but is not blocked itself")
	assert.Regexp(t, `(?m)^    class x2(,l\d+)* extBlocking$`, out)
	assert.Regexp(t, `(?m)^    class x1(,l\d+)* extAtRisk$`, out)
	assert.Contains(t, out, "    subgraph lg[\"Legend\"]\n")
	requireMermaidParses(t, out)

	buf.Reset()
	require.NoError(t, WriteMermaid(&buf, New(ps), MermaidOptions{Timings: timings, AllEdges: true}))
	assert.Contains(t, buf.String(), "n1 --> n3")
	requireMermaidParses(t, buf.String())
}

// TestPictureCorpora draws the real folders, when present, and checks
// that Graphviz lays every required row left to right.
func TestPictureCorpora(t *testing.T) {
	for _, dir := range []string{
		filepath.Join("..", "testdata", "example"),
		filepath.Join("..", "..", "shared", "corpora", "codex-work-packets"),
		filepath.Join("..", "..", "shared", "corpora", "adversarial-workflow", ".kit", "tasks"),
	} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Skip("not present:", dir)
			}
			set, errs := parser.Load([]string{dir}, parser.Options{})
			require.Empty(t, errs)
			g := New(set.Packets)
			d, src := writeDrawn(t, g, DOTOptions{})
			x := plainX(t, src)
			if x == nil {
				return
			}
			for k, a := range d.edges {
				if a["constraint"] == "false" || a["style"] == "invis" || strings.HasPrefix(k[0], "legend: ") {
					continue
				}
				assert.Less(t, x[k[0]], x[k[1]], "%s is drawn left of %s, which waits on it", k[0], k[1])
			}
		})
	}
}
