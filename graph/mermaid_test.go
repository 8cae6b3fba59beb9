package graph

import (
	"bytes"
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

func TestWriteMermaidGolden(t *testing.T) {
	opts := MermaidOptions{Critical: []string{"API-002", "API-003", "UI-002"}}
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(dotExample()), opts))

	golden := filepath.Join("testdata", "example.mmd.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())

	var again bytes.Buffer
	require.NoError(t, WriteMermaid(&again, New(dotExample()), opts))
	assert.Equal(t, buf.String(), again.String(), "same input, same bytes")

	requireMermaidParses(t, buf.String())
}

// TestWriteMermaidMeaning checks that the flowchart says what the DOT
// drawing says, edge by edge.
func TestWriteMermaidMeaning(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(dotExample()), MermaidOptions{Critical: []string{"API-002", "API-003", "UI-002"}}))
	out := buf.String()
	// Nodes in ID order: API-001 n1, API-002 n2, API-003 n3, OPS-001 n4,
	// UI-001 n5, UI-002 n6, UI-003 n7.
	for _, want := range []string{
		"    n1 --> n2\n",               // required
		"    n2 ==> n3\n",               // critical
		"    n2 -.-> n5\n",              // optional
		"    n4 -->|cut| n4\n",          // self cycle, cut
		"    subgraph f1[\"backend/\"]", // folder clusters
		"    x1{{\"Payment provider account<br/>external, blocks\"}}\n",
		"    x1 --> n3\n", // the external blocks API-003
		"    class n1,l3 complete\n",
		"    class n2,l2 inProgress\n",
		"    class n3,n4,n6,n7,l4 blocked\n", // external, self cycle, cycle, cycle
		"    class n4,n6,n7 cycle\n",
		"    class n2,n3,l5 critical\n", // UI-002 is on the path given, but in a cycle
		"    class x1,l6 extBlocking\n",
		"    subgraph lg[\"Legend\"]\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.Regexp(t, `(?m)^    linkStyle \d+(,\d+)* stroke:#0000cd,stroke-width:4px$`, out)
	assert.Regexp(t, `(?m)^    linkStyle \d+(,\d+)* stroke:#ff0000,color:#ff0000$`, out)
	assert.Contains(t, out, `n3["API-003<br/>Billing<br/>no estimate<br/>blocked by external"]`)
	assert.Contains(t, out, `n2["API-002<br/>Endpoints<br/>1.8-2.4d left, 40#37; done"]`, "the remaining effort, as the text says it")
}

func TestWriteMermaidEscapesLabels(t *testing.T) {
	hostile := []string{
		`say "hi" and \"escape\"`,
		`%%{init: {"theme": "dark", "securityLevel": "loose"}}%%`,
		"\nclick n1 call alert()",
		"x\n%% comment\nflowchart TB\nn1 --> n2",
		`<script>alert("xss")</script><img src=x onerror=alert(1)>`,
		"#quot; #35; &amp; entities",
		"`markdown` **bold**",
		`brackets [a] (b) {c} <d> |pipe|`,
		"click n1 href \"javascript:alert(1)\"",
		"end",
		"style n1 fill:#f00;",
		"\x1b[31mred\x1b[0m and \x00 and bad \xff utf8 \u202eRLO \u2028sep",
	}
	var ps []*parser.Packet
	for i, h := range hostile {
		ps = append(ps, pkt(chainID(i), title(h), file(strings.ReplaceAll(h, "/", "_")+"/x.md")))
	}
	ps = append(ps, pkt(`"><ODD-1>`, title(`id that looks like HTML`)))
	ps[1].Requires = []parser.Ref{{ID: chainID(0), Line: 3}}

	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(ps), MermaidOptions{}))
	out := buf.String()
	entity := regexp.MustCompile(`#[a-z0-9]+;`)
	line := regexp.MustCompile(`^(flowchart LR|    end|        direction LR|    subgraph (f\d+|lg)\["[^"\n]*"\]|(    )?    [nl]\d+\["[^"\n]*"\]|    [nl]\d+ (-->|==>|-\.->)(\|cut\|)? [nl]\d+|    classDef \w+ [a-z:#0-9,-]+( [0-9]+)?|    class [nl]\d+(,[nl]\d+)* \w+|    linkStyle \d+(,\d+)* [a-z:#0-9,-]+)$`)
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		assert.Regexp(t, line, l)
		if strings.Contains(l, `["`) {
			label := l[strings.Index(l, `["`)+2 : strings.LastIndex(l, `"]`)]
			label = entity.ReplaceAllString(label, "")
			for _, bad := range []string{`"`, "%", "<script", "<img", "`", "{", "}", "(", ")", "[", "]", "|", ";", ":", "#", "&", "\x1b", "\x00", "\u202e", "\u2028"} {
				assert.NotContains(t, label, bad, "label %q", label)
			}
		}
	}
	assert.Len(t, regexp.MustCompile(`(?m)^ +n\d+\["`).FindAllString(out, -1), len(ps), "one line per node, none injected")
	assert.Contains(t, out, "say #quot;hi#quot; and #92;#quot;escape#92;#quot;")
	assert.Contains(t, out, "#37;#37;#123;init#58;")
	assert.Contains(t, out, "#lt;script#gt;")
	requireMermaidParses(t, out)
}

func TestWriteMermaidEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(nil), MermaidOptions{}))
	assert.Equal(t, "flowchart LR\n", buf.String())
	requireMermaidParses(t, buf.String())
}

// requireMermaidParses runs the real Mermaid parser (testdata/mermaid,
// under jsdom) on a flowchart. It skips when node or the npm packages are
// not installed (npm ci --prefix testdata/mermaid installs them).
func requireMermaidParses(t *testing.T, chart string) {
	t.Helper()
	dir := filepath.Join("..", "testdata", "mermaid")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: skipping the Mermaid parser check")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "mermaid")); err != nil {
		t.Skip("Mermaid is not installed: run `npm ci --prefix testdata/mermaid` to check charts with the real parser")
	}
	cmd := exec.Command(node, filepath.Join(dir, "check.mjs"), "--type", "flowchart")
	cmd.Stdin = strings.NewReader(chart)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "Mermaid rejects the flowchart: %s\n%s", out, chart)
}

// TestWriteMermaidLiteralBackslashN checks that a title holding the two
// characters \n (a Windows path) is drawn as written: Mermaid reads \n in
// a label as a line break, so the backslash is written as an entity.
func TestWriteMermaidLiteralBackslashN(t *testing.T) {
	ps := []*parser.Packet{pkt("WIN-1", title(`copy C:\new\data`))}
	var buf bytes.Buffer
	require.NoError(t, WriteMermaid(&buf, New(ps), MermaidOptions{}))
	assert.Contains(t, buf.String(), `C#58;#92;new#92;data`)
	assert.NotContains(t, buf.String(), `\n`, "no backslash-n for Mermaid to break the line at")
}
