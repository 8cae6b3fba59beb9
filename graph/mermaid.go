package graph

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workpackets/plan/parser/hiddentext"
)

// Mermaid's default limits (mermaid's config maxEdges and maxTextSize):
// a flowchart with more links fails to parse ("Edge limit exceeded"), and
// a longer chart is drawn as an error message instead.
const (
	MermaidMaxEdges    = 500
	MermaidMaxTextSize = 50000
)

// MermaidStats is the size of a flowchart in the units of Mermaid's
// limits.
type MermaidStats struct {
	// Edges is the number of links (arrows) drawn.
	Edges int
	// TextSize is the chart's length as JavaScript counts a string's
	// length, in UTF-16 code units, which is what maxTextSize limits.
	TextSize int
}

// utf16Counter counts the UTF-16 code units of the UTF-8 text written
// through it: one per character, two for one outside the Basic
// Multilingual Plane (a 4-byte sequence). Counting lead bytes needs no
// state, so a character split between two writes is counted once.
type utf16Counter struct {
	w io.Writer
	n int
}

func (c *utf16Counter) Write(p []byte) (int, error) {
	for _, b := range p {
		switch {
		case b&0xC0 == 0x80: // a continuation byte
		case b >= 0xF0:
			c.n += 2
		default:
			c.n++
		}
	}
	return c.w.Write(p)
}

// Mermaid classes: one per fill, then the borders (cycle, critical) that
// go on top; a later classDef wins where two set the same property. GitHub's
// light and dark themes both show these fills with dark text.
const (
	mermaidClassDefs = `    classDef complete fill:#98fb98,stroke:#2e7d32,color:#000
    classDef inProgress fill:#ffec8b,stroke:#b8860b,color:#000
    classDef notStarted fill:#ffffff,stroke:#555555,color:#000
    classDef cancelled fill:#d3d3d3,stroke:#555555,color:#444
    classDef blocked fill:#ffc0c0,stroke:#ff0000,stroke-width:2px,color:#000
    classDef extBlocking fill:#ff9e9e,stroke:#ff0000,color:#000
    classDef extAtRisk fill:#ffd27f,stroke:#ff8c00,color:#000
    classDef cycle stroke:#ff0000,stroke-dasharray:5 3
    classDef critical stroke:#0000cd,stroke-width:4px
    classDef legendText fill:none,stroke:none,color:#000
`
	mermaidCriticalStyle = "stroke:#0000cd,stroke-width:4px"
	mermaidCycleStyle    = "stroke:#ff0000,color:#ff0000"
	mermaidOptionalStyle = "stroke:#737373"
	mermaidBlockingStyle = "stroke:#ff0000,stroke-width:2px"
	mermaidAtRiskStyle   = "stroke:#ff8c00"
)

// WriteMermaid writes g as a Mermaid flowchart that GitHub renders inside a
// ```mermaid block. It means what [WriteDOT] means, as far as Mermaid can
// say it: a legend subgraph; each packet a node labelled with its ID,
// title and remaining effort, classed by fill (complete, inProgress,
// notStarted, cancelled, or blocked for what waits on an external, a
// cycle, a missing file or its own Status), with cycle and critical on
// top; blocking and at-risk externals as hexagons (classes extBlocking,
// extAtRisk) with a line to each packet they hold up; required rows as
// arrows from the dependency to the packet that requires it, optional
// rows dotted (-.->), critical rows thick (==> and a linkStyle), rows
// inside a cycle red, the rows of its cut labelled "cut". Redundant rows
// are left out unless opts.AllEdges is set. Mermaid has no way to let a
// row not order the layout, so optional rows still pull their boxes. When
// the packets' files lie in more than one top-level folder, each folder is
// a subgraph.
//
// Node IDs are n1, n2, ... in packet-ID order, externals x1, x2, ... by
// name, legend samples l1, l2, ..., subgraph IDs f1, f2, ... and lg, so no
// packet text is ever read as an ID or keyword. Labels are quoted, and
// every character Mermaid or HTML could read as syntax (quotes, backticks,
// #, %, <, >, &, brackets, braces, |) is written as a Mermaid entity code
// (#quot;, #35;, ...); control characters become spaces. The same input
// always gives the same bytes.
func WriteMermaid(w io.Writer, g *Graph, opts MermaidOptions) error {
	pic := newPicture(g, opts)
	counter := &utf16Counter{w: w}
	bw := bufio.NewWriter(counter)
	bw.WriteString("flowchart LR\n")

	nodeID := func(i int) string { return "n" + strconv.Itoa(i+1) }
	extID := func(k int) string { return "x" + strconv.Itoa(k+1) }
	label := func(lines []string) string {
		for k, l := range lines {
			lines[k] = mermaidLabel(l)
		}
		return strings.Join(lines, "<br/>")
	}
	classes := map[string][]string{}
	node := func(indent string, i int) {
		nd := &pic.nodes[i]
		lines := []string{nd.id}
		if nd.title != "" {
			lines = append(lines, nd.title)
		}
		lines = append(lines, nd.effort)
		lines = append(lines, nd.state...)
		fmt.Fprintf(bw, "%s%s[\"%s\"]\n", indent, nodeID(i), label(lines))
	}
	for i, nd := range pic.nodes {
		classes[mermaidFillClass[nd.fill]] = append(classes[mermaidFillClass[nd.fill]], nodeID(i))
		if nd.cycle {
			classes["cycle"] = append(classes["cycle"], nodeID(i))
		}
		if nd.critical {
			classes["critical"] = append(classes["critical"], nodeID(i))
		}
	}

	var names []string
	members := map[string][]int{}
	for i, f := range pic.folders {
		if f == "" {
			node("    ", i)
			continue
		}
		if _, ok := members[f]; !ok {
			names = append(names, f)
		}
		members[f] = append(members[f], i)
	}
	slices.Sort(names)
	for k, f := range names {
		// A subgraph none of whose nodes has a link to the outside is
		// laid out top to bottom unless told otherwise.
		fmt.Fprintf(bw, "    subgraph f%d[\"%s\"]\n        direction LR\n", k+1, mermaidLabel(f+"/"))
		for _, i := range members[f] {
			node("        ", i)
		}
		bw.WriteString("    end\n")
	}
	for k, x := range pic.externals {
		kind, class := "external, at risk", "extAtRisk"
		if x.blocking {
			kind, class = "external, blocks", "extBlocking"
		}
		fmt.Fprintf(bw, "    %s{{\"%s\"}}\n", extID(k), label([]string{x.name, kind}))
		classes[class] = append(classes[class], extID(k))
	}

	// Links are numbered in the order written, for linkStyle.
	styles := map[string][]string{} // linkStyle -> link indices
	var styleOrder []string
	links := 0
	link := func(from, arrow, to string, style ...string) {
		fmt.Fprintf(bw, "    %s %s %s\n", from, arrow, to)
		if s := strings.Join(style, ","); s != "" {
			if _, ok := styles[s]; !ok {
				styleOrder = append(styleOrder, s)
			}
			styles[s] = append(styles[s], strconv.Itoa(links))
		}
		links++
	}
	edgeLink := func(e picEdge) (arrow string, style []string) {
		arrow = "-->"
		switch {
		case e.optional:
			arrow = "-.->"
			style = append(style, mermaidOptionalStyle)
		case e.critical:
			arrow = "==>"
			style = append(style, mermaidCriticalStyle)
		}
		if e.cycle {
			style = append(style, mermaidCycleStyle)
		}
		if e.cut {
			arrow += "|cut|"
		}
		return arrow, style
	}
	for _, e := range pic.edges {
		arrow, style := edgeLink(e)
		link(nodeID(e.from), arrow, nodeID(e.to), style...)
	}
	for k, x := range pic.externals {
		for _, e := range x.to {
			if e.blocking {
				link(extID(k), "-->", nodeID(e.to), mermaidBlockingStyle)
			} else {
				link(extID(k), "-.->", nodeID(e.to), mermaidAtRiskStyle)
			}
		}
	}

	if len(pic.legend) > 0 {
		// The legend's lines are written after its boxes, as links of
		// their own.
		type sampleLine struct {
			tail, head string
			entry      legendEntry
		}
		var lines []sampleLine
		// Left to right, the boxes stack in one column and each line
		// runs to its text.
		bw.WriteString("    subgraph lg[\"Legend\"]\n        direction LR\n")
		next := 0
		sample := func() string { next++; return "l" + strconv.Itoa(next) }
		for _, entry := range pic.legend {
			text := mermaidLabel(legendText[entry])
			if class, ok := mermaidLegendClass[entry]; ok {
				id := sample()
				open, close := "[", "]"
				if entry == legendExternalBlocking || entry == legendExternalAtRisk {
					open, close = "{{", "}}"
				}
				fmt.Fprintf(bw, "        %s%s\"%s\"%s\n", id, open, text, close)
				for _, c := range class {
					classes[c] = append(classes[c], id)
				}
				continue
			}
			tail, head := sample(), sample()
			fmt.Fprintf(bw, "        %s[\" \"]\n        %s[\"%s\"]\n", tail, head, text)
			classes["legendText"] = append(classes["legendText"], tail, head)
			lines = append(lines, sampleLine{tail, head, entry})
		}
		bw.WriteString("    end\n")
		for _, l := range lines {
			var e picEdge
			switch l.entry {
			case legendCriticalEdge:
				e.critical = true
			case legendOptional:
				e.optional = true
			case legendCycle:
				e.cycle, e.cut = true, true
			}
			arrow, style := edgeLink(e)
			link(l.tail, arrow, l.head, style...)
		}
	}

	if len(pic.nodes) > 0 {
		bw.WriteString(mermaidClassDefs)
	}
	for _, c := range []string{"complete", "inProgress", "notStarted", "cancelled", "blocked", "extBlocking", "extAtRisk", "cycle", "critical", "legendText"} {
		if ids := classes[c]; len(ids) > 0 {
			fmt.Fprintf(bw, "    class %s %s\n", strings.Join(ids, ","), c)
		}
	}
	for _, s := range styleOrder {
		fmt.Fprintf(bw, "    linkStyle %s %s\n", strings.Join(styles[s], ","), s)
	}
	err := bw.Flush()
	if opts.Stats != nil {
		// Every link counts toward Mermaid's limit, the legend's too.
		*opts.Stats = MermaidStats{Edges: links, TextSize: counter.n}
	}
	return err
}

// mermaidFillClass is the class of each fill.
var mermaidFillClass = [...]string{
	fillNotStarted: "notStarted",
	fillInProgress: "inProgress",
	fillComplete:   "complete",
	fillCancelled:  "cancelled",
	fillBlocked:    "blocked",
}

// mermaidLegendClass is the classes of each legend entry drawn as a box
// (the critical sample is a white box with the critical border).
var mermaidLegendClass = map[legendEntry][]string{
	legendNotStarted:       {"notStarted"},
	legendInProgress:       {"inProgress"},
	legendComplete:         {"complete"},
	legendCancelled:        {"cancelled"},
	legendBlocked:          {"blocked"},
	legendCritical:         {"notStarted", "critical"},
	legendExternalBlocking: {"extBlocking"},
	legendExternalAtRisk:   {"extAtRisk"},
}

// mermaidEntities are the characters written as Mermaid entity codes in a
// label: Mermaid turns #name; and #123; into the HTML entity when it draws
// the label, so the character is shown but never read as syntax.
var mermaidEntities = map[rune]string{
	'"': "#quot;", '#': "#35;", '%': "#37;", '&': "#amp;", '<': "#lt;", '>': "#gt;",
	'`': "#96;", '\'': "#39;", '[': "#91;", ']': "#93;", '{': "#123;", '}': "#125;",
	'(': "#40;", ')': "#41;", '|': "#124;", ';': "#59;", ':': "#58;", '\\': "#92;",
}

// mermaidLabel makes s safe inside a quoted Mermaid label: syntax
// characters become entity codes, control and bidirectional-control
// characters and invalid bytes become spaces.
func mermaidLabel(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case hidden(r, size):
			b.WriteByte(' ')
		default:
			if e, ok := mermaidEntities[r]; ok {
				b.WriteString(e)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// hidden reports whether the rune r, decoded from size bytes, must not
// reach a picture as itself (hiddentext's rule: invalid bytes, controls,
// format characters such as U+200B and the bidirectional controls, line
// and paragraph separators). Every picture (DOT, Mermaid) replaces it with
// a space, so the formats agree on what is shown.
func hidden(r rune, size int) bool { return hiddentext.Hidden(r, size) }
