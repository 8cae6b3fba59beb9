package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// workflowCommand is one line parsed the way the GitHub Actions runner
// parses it: "::name k=v,k=v::data", with values and data unescaped.
type workflowCommand struct {
	name  string
	props map[string]string
	data  string
}

// parseWorkflowCommand follows the runner's ActionCommand.TryParseV2:
// the command ends at the second "::", properties are split at "," and
// at the first "=", and %25 %0D %0A %3A %2C are unescaped (data only
// %25 %0D %0A).
func parseWorkflowCommand(t *testing.T, line string) workflowCommand {
	t.Helper()
	require.True(t, strings.HasPrefix(line, "::"), "not a command: %q", line)
	rest := line[2:]
	end := strings.Index(rest, "::")
	require.GreaterOrEqual(t, end, 0, "no closing :: in %q", line)
	head, data := rest[:end], rest[end+2:]
	name, props, _ := strings.Cut(head, " ")
	c := workflowCommand{name: name, props: map[string]string{}}
	unProp := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	unData := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%")
	if props != "" {
		for _, kv := range strings.Split(props, ",") {
			k, v, ok := strings.Cut(kv, "=")
			require.True(t, ok, "property without = in %q", line)
			c.props[k] = unProp.Replace(v)
		}
	}
	c.data = unData.Replace(data)
	return c
}

// TestGitHubAnnotationEscaping writes problems whose messages, files and
// codes are built to end the line, end a property or start a new command,
// and checks each gives exactly one command that the runner's parser
// reads back to the original text.
func TestGitHubAnnotationEscaping(t *testing.T) {
	hostile := []parser.Problem{
		{Severity: parser.Error, Code: "cycle", File: "a,b:c.md", Line: 3, Message: "plain"},
		{Severity: parser.Warning, Code: "x", File: "dir/f.md", Line: 1, Message: "100% done %0A already escaped %25"},
		{Severity: parser.Error, Code: "x", File: "f.md", Line: 2, Message: "line one\n::error file=evil.md,line=1::injected\r\n::add-mask::x"},
		{Severity: parser.Warning, Code: "x", File: "new\nline.md", Line: 4, Message: "title: a, b :: c"},
		{Severity: parser.Warning, Code: "co,de:x", File: "f.md", Line: 5, Message: "::stop-commands::token"},
		{Severity: parser.Error, Code: "x", File: "%0A.md", Line: 0, Message: "line 0 becomes 1"},
	}
	var buf bytes.Buffer
	require.NoError(t, WriteAnnotations(&buf, hostile, nil, ""))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, len(hostile), "one line per problem:\n%s", buf.String())
	for i, line := range lines {
		p := hostile[i]
		assert.Regexp(t, `^::(error|warning) file=[^:,\r\n]*,line=\d+,title=[^:,\r\n]*::[^\r\n]*$`, line)
		c := parseWorkflowCommand(t, line)
		assert.Equal(t, p.Severity.String(), c.name)
		assert.Equal(t, p.File, c.props["file"], line)
		assert.Equal(t, "plan "+p.Code, c.props["title"], line)
		assert.Equal(t, p.Message, c.data, line)
		assert.Len(t, c.props, 3, line)
	}
	assert.Contains(t, lines[5], ",line=1,")

	// The rules themselves.
	assert.Equal(t, "a%25b%0Dc%0Ad: e, f", ghEscapeData("a%b\rc\nd: e, f"))
	assert.Equal(t, "a%25b%0Dc%0Ad%3A e%2C f", ghEscapeProperty("a%b\rc\nd: e, f"))
	// Other control characters are shown escaped, never written raw.
	assert.Equal(t, `::warning file=f.md,line=1,title=plan x::red \x1b[31m and \u202e`,
		ghAnnotation(parser.Problem{Code: "x", File: "f.md", Line: 1, Message: "red \x1b[31m and \u202e"}))
}

// TestGitHubAnnotationFileName checks that the file property names the
// real file: @actions/core's escapeProperty changes % CR LF : , and
// nothing else, so a TAB or ESC in a file name reaches the runner as
// itself (shown as \t, the annotation would point at a file that does
// not exist).
func TestGitHubAnnotationFileName(t *testing.T) {
	got := ghAnnotation(parser.Problem{Code: "x", File: "a\tb\x1bc:d,e%f.md", Line: 2, Message: "m"})
	assert.Equal(t, "::warning file=a\tb\x1bc%3Ad%2Ce%25f.md,line=2,title=plan x::m", got)
}

func TestMarkdownCell(t *testing.T) {
	for in, want := range map[string]string{
		"Plain title":                  "Plain title",
		"a | b":                        `a \| b`,
		"*bold* _it_ `code` ~~s~~ $x$": "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\$x\\$",
		"[link](http://x) \\":          `\[link\](http://x) \\`,
		"<script>alert(1)</script> &":  "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
		"two\nlines\r\n| --- |":        `two lines  \| --- \|`,
		"\x1b[31mred\u202e":            `\[31mred`,
	} {
		assert.Equal(t, want, mdCell(in), "mdCell(%q)", in)
	}
}

// TestMermaidText checks the name sanitiser on its own.
func TestMermaidText(t *testing.T) {
	for in, want := range map[string]string{
		"BE-1 Plain title":                   "BE-1 Plain title",
		"X: a; b # c":                        "X a b c",
		"click t1 call alert()":              "packet click t1 call alert",
		"%%{init: {'theme':'dark'}}%%":       "init theme dark",
		"<script>alert(1)</script>":          "script alert 1 /script",
		"line one\nline two\r\n":             "line one line two",
		`"quoted" [b] {c} (d) &amp; x=1`:     "quoted b c d amp x 1",
		"2026-01-01 looks like a date":       "packet 2026-01-01 looks like a date",
		"Section 5":                          "packet Section 5",
		"":                                   "packet",
		":::":                                "packet",
		"Café naïve Ünïcode 日本":              "Café naïve Ünïcode 日本",
		strings.Repeat("long ", 30):          strings.TrimSpace(strings.Repeat("long ", 12)),
		"tab\there\u2028sep\u202eRLO\x00nul": "tab here sep RLO nul",
	} {
		if got := mermaidText(in); got != want {
			t.Errorf("mermaidText(%q) = %q, want %q", in, got, want)
		}
	}
}
