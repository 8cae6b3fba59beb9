package graph

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/workpackets/plan/internal/hiddentext"
	"github.com/workpackets/plan/parser"
)

// MermaidOptions adds what the graph does not know to the flowchart.
type MermaidOptions struct {
	// Critical is the critical path, as packet IDs in order; the rows
	// between consecutive IDs are drawn thick.
	Critical []string
	// Stats, when not nil, is set to the size of the chart written, so
	// that the caller can compare it with Mermaid's limits.
	Stats *MermaidStats
}

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

// Mermaid classes, one per status, plus blocked and cycle. GitHub's light
// and dark themes both show these fills with dark text.
const (
	mermaidClassDefs = `    classDef complete fill:#98fb98,stroke:#2e7d32,color:#000
    classDef inProgress fill:#ffec8b,stroke:#b8860b,color:#000
    classDef notStarted fill:#ffffff,stroke:#555555,color:#000
    classDef blocked stroke:#ff0000,stroke-width:3px
    classDef cycle stroke:#ff0000,stroke-dasharray:5 3
`
	mermaidCriticalStyle = "stroke-width:4px"
	mermaidCycleStyle    = "stroke:#ff0000,color:#ff0000"
)

// WriteMermaid writes g as a Mermaid flowchart that GitHub renders inside a
// ```mermaid block. It means what [WriteDOT] means: each packet is a node
// labelled with its ID, title and effort, classed by status (complete,
// inProgress, notStarted) with the class blocked for blocked packets and
// cycle for members of a cycle; required rows are arrows from the
// dependency to the packet that requires it, optional rows dotted (-.->),
// critical-path rows thick (==> and a linkStyle), rows inside a cycle red,
// the rows of its cut labelled "cut". When the packets' files lie in more
// than one top-level folder, each folder is a subgraph.
//
// Node IDs are n1, n2, ... in packet-ID order and subgraph IDs f1, f2, ...,
// so no packet text is ever read as an ID or keyword. Labels are quoted,
// and every character Mermaid or HTML could read as syntax (quotes,
// backticks, #, %, <, >, &, brackets, braces, |) is written as a Mermaid
// entity code (#quot;, #35;, ...); control characters become spaces. The
// same input always gives the same bytes.
func WriteMermaid(w io.Writer, g *Graph, opts MermaidOptions) error {
	n := len(g.packets)
	counter := &utf16Counter{w: w}
	bw := bufio.NewWriter(counter)
	bw.WriteString("flowchart LR\n")

	nodeID := func(i int) string { return "n" + strconv.Itoa(i+1) }
	inCycle := func(i int) bool { return g.cyclic[g.comp[i]] }
	node := func(indent string, i int) {
		p := g.packets[i]
		lines := []string{mermaidLabel(p.ID)}
		if p.Title != "" {
			lines = append(lines, mermaidLabel(p.Title))
		}
		if e := effortText(p); e != "" {
			lines = append(lines, mermaidLabel(e))
		}
		if !g.done(i) && g.blocked(i) {
			lines = append(lines, "blocked")
		}
		fmt.Fprintf(bw, "%s%s[\"%s\"]\n", indent, nodeID(i), strings.Join(lines, "<br/>"))
	}

	folders := topFolders(g.packets)
	var names []string
	members := map[string][]int{}
	for i, f := range folders {
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
		fmt.Fprintf(bw, "    subgraph f%d[\"%s\"]\n", k+1, mermaidLabel(f+"/"))
		for _, i := range members[f] {
			node("        ", i)
		}
		bw.WriteString("    end\n")
	}

	type link struct {
		from, to                       int
		optional, cycle, cut, critical bool
	}
	var links []link
	seen := map[edge]bool{}
	for to := range n {
		for _, from := range g.req[to] {
			e := edge{from, to}
			seen[e] = true
			l := link{from: from, to: to}
			if g.comp[from] == g.comp[to] && g.cyclic[g.comp[to]] {
				l.cycle, l.cut = true, g.cut[e]
			}
			links = append(links, l)
		}
		for _, r := range g.packets[to].Optional {
			from, ok := g.index[r.ID]
			if !ok || from == to || seen[edge{from, to}] {
				continue
			}
			seen[edge{from, to}] = true
			links = append(links, link{from: from, to: to, optional: true})
		}
	}
	slices.SortFunc(links, func(a, b link) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to)) })
	critical := map[edge]bool{}
	for k := 0; k+1 < len(opts.Critical); k++ {
		from, ok1 := g.index[opts.Critical[k]]
		to, ok2 := g.index[opts.Critical[k+1]]
		if ok1 && ok2 {
			critical[edge{from, to}] = true
		}
	}

	styles := map[string][]string{} // linkStyle -> link indices
	var styleOrder []string
	for k, l := range links {
		l.critical = !l.optional && critical[edge{l.from, l.to}]
		arrow := "-->"
		switch {
		case l.optional:
			arrow = "-.->"
		case l.critical:
			arrow = "==>"
		}
		if l.cut {
			arrow += "|cut|"
		}
		fmt.Fprintf(bw, "    %s %s %s\n", nodeID(l.from), arrow, nodeID(l.to))
		var style []string
		if l.critical {
			style = append(style, mermaidCriticalStyle)
		}
		if l.cycle {
			style = append(style, mermaidCycleStyle)
		}
		if len(style) > 0 {
			s := strings.Join(style, ",")
			if _, ok := styles[s]; !ok {
				styleOrder = append(styleOrder, s)
			}
			styles[s] = append(styles[s], strconv.Itoa(k))
		}
	}

	if n > 0 {
		bw.WriteString(mermaidClassDefs)
	}
	classes := map[string][]string{}
	for i, p := range g.packets {
		status := "notStarted"
		switch {
		case g.done(i):
			status = "complete"
		case p.Status == parser.InProgress:
			status = "inProgress"
		}
		classes[status] = append(classes[status], nodeID(i))
		if !g.done(i) && g.blocked(i) {
			classes["blocked"] = append(classes["blocked"], nodeID(i))
		}
		if inCycle(i) {
			classes["cycle"] = append(classes["cycle"], nodeID(i))
		}
	}
	for _, c := range []string{"complete", "inProgress", "notStarted", "blocked", "cycle"} {
		if ids := classes[c]; len(ids) > 0 {
			fmt.Fprintf(bw, "    class %s %s\n", strings.Join(ids, ","), c)
		}
	}
	for _, s := range styleOrder {
		fmt.Fprintf(bw, "    linkStyle %s %s\n", strings.Join(styles[s], ","), s)
	}
	err := bw.Flush()
	if opts.Stats != nil {
		*opts.Stats = MermaidStats{Edges: len(links), TextSize: counter.n}
	}
	return err
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
