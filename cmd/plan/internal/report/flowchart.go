package report

import (
	"fmt"
	"io"

	"github.com/workpackets/plan/graph"
)

// WriteFlowchart is `plan --format mermaid`: the graph as a Mermaid
// flowchart with the critical path drawn thick. It returns a warning for
// each of Mermaid's limits the chart goes past: Mermaid then shows an
// error instead of the chart, and nothing else would say why.
func WriteFlowchart(w io.Writer, a *Analysis) (warnings []string, err error) {
	var st graph.MermaidStats
	if err := graph.WriteMermaid(w, a.Graph, graph.MermaidOptions{Critical: a.Critical.IDs, Stats: &st}); err != nil {
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
