package graph

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestWriteMermaidStats checks the size WriteMermaid reports against the
// chart it wrote: one edge per arrow line, and the length in UTF-16 code
// units, as JavaScript measures the text (an emoji outside the Basic
// Multilingual Plane counts two).
func TestWriteMermaidStats(t *testing.T) {
	ps := append(dotExample(), pkt("EMO-1", title("ship 🚀 it, café"), req("API-002")))
	var st MermaidStats
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(ps), MermaidOptions{Stats: &st}))
	out := buf.String()
	arrows := regexp.MustCompile(`(?m)^    [nxl]\d+ (-->|-\.->|==>)`).FindAllString(out, -1) // packets, externals, the legend
	assert.Equal(t, len(arrows), st.Edges)
	assert.Greater(t, st.Edges, 0)
	assert.Equal(t, len(utf16.Encode([]rune(out))), st.TextSize)
	assert.Less(t, st.TextSize, len(out), "café and 🚀 take more bytes than code units")

	var none bytes.Buffer
	require.NoError(t, WriteMermaid(&none, New(ps), MermaidOptions{}), "Stats is optional")
	assert.Equal(t, out, none.String(), "Stats changes nothing in the chart")
}

// chainOfEdges is n+1 packets where packet i requires packet i-1: n edges.
func chainOfEdges(n int) []*parser.Packet {
	ps := []*parser.Packet{pkt("C-0000")}
	for i := 1; i <= n; i++ {
		ps = append(ps, pkt(fmt.Sprintf("C-%04d", i), req(fmt.Sprintf("C-%04d", i-1))))
	}
	return ps
}

// TestMermaidMaxEdgesIsMermaids checks MermaidMaxEdges against the real
// Mermaid parser (when installed): a chart of that many links parses, one
// more link does not.
func TestMermaidMaxEdgesIsMermaids(t *testing.T) {
	dir := filepath.Join("..", "testdata", "mermaid")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: skipping the Mermaid parser check")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid")); err != nil {
		t.Skip("Mermaid is not installed: run `npm ci --prefix testdata/mermaid` to check charts with the real parser")
	}
	// The legend's sample lines are links too.
	var legend MermaidStats
	require.NoError(t, WriteMermaid(io.Discard, New(chainOfEdges(1)), MermaidOptions{Stats: &legend}))
	legendLinks := legend.Edges - 1
	for _, n := range []int{MermaidMaxEdges, MermaidMaxEdges + 1} {
		var st MermaidStats
		var buf bytes.Buffer
		require.NoError(t, WriteMermaid(&buf, New(chainOfEdges(n-legendLinks)), MermaidOptions{Stats: &st}))
		require.Equal(t, n, st.Edges)
		cmd := exec.Command(node, filepath.Join(dir, "check.mjs"), "--type", "flowchart")
		cmd.Stdin = strings.NewReader(buf.String())
		out, err := cmd.CombinedOutput()
		if n <= MermaidMaxEdges {
			assert.NoError(t, err, "%d links: %s", n, out)
		} else {
			assert.Error(t, err, "%d links parse, so Mermaid's limit is not %d", n, MermaidMaxEdges)
			assert.Contains(t, string(out), "Edge limit exceeded")
		}
	}
}
