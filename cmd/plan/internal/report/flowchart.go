package report

import (
	"fmt"
	"io"

	"github.com/workpackets/plan/graph"
)

// WriteFlowchart is `plan --format mermaid`: the graph as a Mermaid
// flowchart with every critical chain drawn thick (allEdges: also the
// rows a longer chain implies). It returns a warning for each of
// Mermaid's limits the chart goes past: Mermaid then shows an error
// instead of the chart, and nothing else would say why.
func WriteFlowchart(w io.Writer, a *Analysis, allEdges bool) (warnings []string, err error) {
	var st graph.MermaidStats
	opts := a.PictureOptions(allEdges)
	opts.Stats = &st
	if err := graph.WriteMermaid(w, a.Graph, opts); err != nil {
		return nil, err
	}
	if st.Edges > graph.MermaidMaxEdges {
		warnings = append(warnings, fmt.Sprintf("the Mermaid chart has %d links, more than the %d Mermaid draws (its maxEdges setting): Mermaid shows an error instead", st.Edges, graph.MermaidMaxEdges))
	}
	if st.TextSize > graph.MermaidMaxTextSize {
		warnings = append(warnings, fmt.Sprintf("the Mermaid chart is %d characters long, more than the %d Mermaid reads (its maxTextSize setting): Mermaid shows an error instead", st.TextSize, graph.MermaidMaxTextSize))
	}
	return warnings, nil
}

// FlowchartLimitHint follows WriteFlowchart's warnings: how to get a
// chart Mermaid draws.
const FlowchartLimitHint = "draw a part of the plan (plan --format mermaid FOLDER), raise the limit in Mermaid's configuration, or draw it with --dot"
