package graph

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// dotExample has two top-level folders, every status, an optional row, a
// cycle, an external blocker and a critical path.
func dotExample() []*parser.Packet {
	progress := 40
	return []*parser.Packet{
		pkt("API-001", file("work/backend/API-001.md"), title("Schema"), pri(0), done, effort(2, 3)),
		pkt("API-002", file("work/backend/API-002.md"), title("Endpoints"), pri(1), wip, effort(3, 4),
			func(p *parser.Packet) { p.Progress = &progress }, req("API-001")),
		pkt("API-003", file("work/backend/API-003.md"), title("Billing"), req("API-002"),
			ext("Payment provider account", parser.Blocking)),
		pkt("UI-001", file("work/frontend/UI-001.md"), title("Shell"), effort(1, 1), optional("API-002")),
		pkt("UI-002", file("work/frontend/UI-002.md"), title("Checkout"), req("UI-001", "API-003", "UI-003"),
			func(p *parser.Packet) { p.Effort = &parser.Effort{Low: 2, High: 8, Likely: 3, HasLikely: true} }),
		pkt("UI-003", file("work/frontend/UI-003.md"), title("Cart"), req("UI-002")),
		pkt("OPS-001", file("work/OPS-001.md"), title("Deploy"), req("OPS-001"), effort(0.5, 0.5)),
	}
}

func TestWriteDOTGolden(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, New(dotExample()), DOTOptions{Critical: []string{"API-002", "API-003", "UI-002"}}))

	golden := filepath.Join("testdata", "example.dot.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	var again bytes.Buffer
	require.NoError(t, WriteDOT(&again, New(dotExample()), DOTOptions{Critical: []string{"API-002", "API-003", "UI-002"}}))
	assert.Equal(t, buf.String(), again.String(), "same input, same bytes")

	requireRenders(t, buf.Bytes())
}

// requireRenders runs Graphviz on the DOT text when dot is installed and
// returns the SVG.
func requireRenders(t *testing.T, src []byte) string {
	t.Helper()
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("dot (Graphviz) is not installed")
	}
	cmd := exec.Command(dotPath, "-Tsvg")
	cmd.Stdin = bytes.NewReader(src)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Run(), "dot failed: %s\n%s", errOut.String(), src)
	require.Empty(t, errOut.String(), "dot warned")
	return out.String()
}

func TestWriteDOTEscapesLabels(t *testing.T) {
	hostile := []string{
		`say "hi" and \"escape\"`,
		`back\slash\`,
		"two\nlines\r\nand a tab\t",
		`<b>bold</b>`,
		`<x>]; "EVIL-1" -> "EVIL-2"; y [label=<z>`,
		`{record|fields} -> [brackets]; // comment`,
		`\N \G \L \E`,
		"\x1b[31mred\x1b[0m and \x00 and bad \xff utf8",
		`"quoted as a whole"`,
		"graph",
	}
	var ps []*parser.Packet
	for i, h := range hostile {
		ps = append(ps, pkt(chainID(i), title(h), file(h+"/x.md")))
	}
	ps = append(ps, pkt(`<ODD-1>`, title(`id that looks like HTML`)))
	ps[1].Requires = []parser.Ref{{ID: chainID(0), Line: 3}}

	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, New(ps), DOTOptions{}))
	src := buf.String()
	assert.NotContains(t, src, "\x1b", "no raw escape character")
	assert.NotContains(t, src, "\x00", "no raw NUL")
	assert.NotRegexp(t, `(?m)^\s*\w+=<`, src, "nothing is written as an HTML label")

	svg := requireRenders(t, buf.Bytes())
	legendNodes := len(regexp.MustCompile(`<title>legend: \d+</title>`).FindAllString(svg, -1))
	legendEdges := len(regexp.MustCompile(`<title>legend: \d+&#45;&gt;legend: \d+</title>`).FindAllString(svg, -1))
	require.NotZero(t, legendNodes, "the legend is drawn")
	assert.Equal(t, len(ps), strings.Count(svg, `class="node"`)-legendNodes, "no node injected")
	assert.Equal(t, 1, strings.Count(svg, `class="edge"`)-legendEdges, "no edge injected")
	for _, want := range []string{
		`say &quot;hi&quot; and \&quot;escape\&quot;`,
		`back\slash\`,
		`&lt;b&gt;bold&lt;/b&gt;`,
		`&lt;x&gt;]; &quot;EVIL&#45;1&quot; &#45;&gt; &quot;EVIL&#45;2&quot;; y</text>`, // titles wrap at 32 characters
		`>[label=&lt;z&gt;</text>`,
		`{record|fields} &#45;&gt; [brackets];</text>`,
		`>// comment</text>`,
		`\N \G \L \E`,
		`&lt;ODD&#45;1&gt;`,
		`&quot;quoted as a whole&quot;`,
	} {
		assert.Contains(t, svg, want)
	}
}

func TestTopFolders(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"one folder: no clusters", []string{"docs/wp/A.md", "docs/wp/B.md"}, []string{"", ""}},
		{"one file", []string{"A.md"}, []string{""}},
		{"folders below the common root", []string{"wp/api/A.md", "wp/ui/deep/B.md", "wp/C.md"}, []string{"api", "ui", ""}},
		{"relative paths with dots", []string{"./wp/api/A.md", "wp/./ui/B.md"}, []string{"api", "ui"}},
		{"current folder and a subfolder", []string{"A.md", "sub/B.md"}, []string{"", "sub"}},
		{"all in nested subfolders of one folder", []string{"x/a/A.md", "x/a/b/B.md"}, []string{"", "b"}},
		{"absolute paths", []string{"/home/u/wp/api/A.md", "/home/u/wp/ui/B.md"}, []string{"api", "ui"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ps []*parser.Packet
			for k, f := range tt.files {
				ps = append(ps, pkt(chainID(k), file(f)))
			}
			assert.Equal(t, tt.want, topFolders(ps))
		})
	}
}

func TestWriteDOTWithoutClustersRenders(t *testing.T) {
	// One folder, a critical path naming unknown and unconnected IDs,
	// and an empty graph.
	g := New([]*parser.Packet{
		pkt("A-1", file("wp/A-1.md")),
		pkt("B-1", file("wp/B-1.md"), req("A-1")),
	})
	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, g, DOTOptions{Critical: []string{"NOPE-1", "A-1", "B-1", "A-1"}}))
	assert.NotContains(t, buf.String(), `subgraph "cluster_wp"`)
	assert.Contains(t, buf.String(), `"A-1" -> "B-1" [`)
	requireRenders(t, buf.Bytes())

	buf.Reset()
	require.NoError(t, WriteDOT(&buf, New(nil), DOTOptions{}))
	requireRenders(t, buf.Bytes())
}

// TestWriteDOTQuotesForGraphviz checks that labels are quoted as Graphviz
// reads them: a zero-width joiner stays itself (strconv.Quote's \u200d
// would be drawn as "u200d"), while a bidirectional control, which would
// reorder the picture, becomes a space as it does in Mermaid.
func TestWriteDOTQuotesForGraphviz(t *testing.T) {
	ps := []*parser.Packet{pkt("DEV-1", title("👩\u200d💻 pair on \u202eevil"))}
	var buf bytes.Buffer
	require.NoError(t, WriteDOT(&buf, New(ps), DOTOptions{}))
	src := buf.String()
	assert.Contains(t, src, "👩\u200d💻 pair on  evil")
	assert.NotContains(t, src, `\u`, "no Go escape reaches Graphviz")
	assert.NotContains(t, src, "\u202e")
	var mm bytes.Buffer
	require.NoError(t, WriteMermaid(&mm, New(ps), MermaidOptions{}))
	assert.Contains(t, mm.String(), "👩\u200d💻 pair on  evil", "DOT and Mermaid show the same text")
}
