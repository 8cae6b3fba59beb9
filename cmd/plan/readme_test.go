package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCommand is what the README shows as run from the clone; the help
// pages show "$ plan ".
const readmeCommand = "$ go run ./cmd/plan "

// excerpt is one command of the README and the output it shows.
type excerpt struct {
	file string
	line int // of the command in file
	args []string
	want []string // "..." stands for any number of lines
}

// readmeExcerpts finds every "$ go run ./cmd/plan ..." line in a fenced
// block of the README, with the lines shown after it up to the next command
// or the end of the block.
func readmeExcerpts(t *testing.T, text, command string) []excerpt {
	var out []excerpt
	inFence := false
	var cur *excerpt
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l, "```") {
			flush()
			inFence = !inFence
			continue
		}
		if !inFence {
			continue
		}
		if rest, ok := strings.CutPrefix(l, command); ok {
			flush()
			for strings.HasSuffix(rest, "\\") && i+1 < len(lines) {
				i++
				rest = strings.TrimSuffix(rest, "\\") + " " + strings.TrimSpace(lines[i])
			}
			args, err := shellWords(rest)
			require.NoError(t, err, "README.md:%d", i+1)
			cur = &excerpt{line: i + 1, args: args}
			continue
		}
		if cur != nil {
			cur.want = append(cur.want, l)
		}
	}
	flush()
	return out
}

// shellWords splits a command line as a shell would for the README's
// commands: words separated by spaces, "double quotes" around a word with
// spaces. A "#" word starts a comment.
func shellWords(s string) ([]string, error) {
	var words []string
	var w strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			inWord = true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case r == '#' && !quoted && !inWord:
			return words, nil
		default:
			w.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words, nil
}

// matchLines reports whether got matches want, where a "..." line in want
// (indented or not) stands for any number of lines, and a trailing "..."
// for the rest.
func matchLines(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0
	}
	if strings.TrimSpace(want[0]) == "..." {
		for i := 0; i <= len(got); i++ {
			if matchLines(want[1:], got[i:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && got[0] == want[0] && matchLines(want[1:], got[1:])
}

// TestREADMEExcerpts runs every "$ go run ./cmd/plan ..." excerpt of the
// README, and every "$ plan ..." excerpt of the help pages that reads
// testdata, in order, each page on a fresh copy of testdata (so plan new
// and plan sync change nothing in the clone), and checks that the output it shows
// is what plan prints: standard output, then standard error, with "..."
// for lines left out. Excerpts on other folders (docs/packets) are
// illustrations and are not run.
func TestREADMEExcerpts(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	excerpts := readmeExcerpts(t, string(data), readmeCommand)
	require.GreaterOrEqual(t, len(excerpts), 10, "the README's excerpts were not found")
	for i := range excerpts {
		excerpts[i].file = "README.md"
	}
	pages, err := filepath.Glob(filepath.Join("internal", "help", "topics", "*.md"))
	require.NoError(t, err)
	for _, page := range pages {
		data, err := os.ReadFile(page)
		require.NoError(t, err)
		for _, ex := range readmeExcerpts(t, string(data), "$ plan ") {
			if strings.Contains(strings.Join(ex.args, " "), "testdata/") {
				ex.file = page
				excerpts = append(excerpts, ex)
			}
		}
	}
	testdata, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	require.NoError(t, err)
	t.Setenv("NO_COLOR", "1")
	for i, ex := range excerpts {
		if i == 0 || ex.file != excerpts[i-1].file {
			// Each page's excerpts run in order on their own copy: the
			// packet one page's plan new writes is not in the next page's.
			work := t.TempDir()
			require.NoError(t, copyTree(testdata, filepath.Join(work, "testdata")))
			t.Chdir(work)
		}
		var stdout, stderr bytes.Buffer
		run(ex.args, nil, &stdout, &stderr)
		got := strings.Split(strings.TrimSuffix(stdout.String()+stderr.String(), "\n"), "\n")
		want := ex.want
		for len(want) > 0 && want[len(want)-1] == "" {
			want = want[:len(want)-1]
		}
		if !matchLines(want, got) {
			assert.Fail(t, "an excerpt is not what plan prints",
				"%s:%d: plan %s\n--- it shows:\n%s\n--- plan prints:\n%s",
				ex.file, ex.line, strings.Join(ex.args, " "), strings.Join(want, "\n"), strings.Join(got, "\n"))
		}
	}
}

// TestREADMEExcerptMatching checks the "..." rule the README test relies on.
func TestREADMEExcerptMatching(t *testing.T) {
	got := []string{"a", "b", "c", "d"}
	assert.True(t, matchLines([]string{"a", "...", "d"}, got))
	assert.True(t, matchLines([]string{"a", "b", "..."}, got))
	assert.True(t, matchLines([]string{"...", "c", "d"}, got))
	assert.False(t, matchLines([]string{"a", "c", "..."}, got), "a line left out needs a ...")
	assert.False(t, matchLines([]string{"a", "b", "c"}, got), "a line cut at the end needs a ...")
	assert.False(t, matchLines([]string{"a", "...", "x"}, got))
	assert.True(t, matchLines([]string{"a", "  ...", "d"}, got), "an indented ... in a table")
	words, _ := shellWords(`new BE-CART-001 "Cart & Wishlist" --dir x  # a comment`)
	assert.Equal(t, []string{"new", "BE-CART-001", "Cart & Wishlist", "--dir", "x"}, words)
}

// TestREADMEGraphPicture checks that testdata/example.svg, the README's
// picture, is the example's graph as plan draws it now: made by Graphviz
// from plan --dot, byte for byte when the installed dot is the version
// that made it, and at least with every packet of the example otherwise.
func TestREADMEGraphPicture(t *testing.T) {
	svg, err := os.ReadFile(filepath.Join("..", "..", "testdata", "example.svg"))
	require.NoError(t, err)
	example := filepath.Join("..", "..", "testdata", "example")
	var ids, dot, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"order", "--all", example}, nil, &ids, &stderr), stderr.String())
	for _, id := range strings.Fields(ids.String()) {
		label := ">" + strings.ReplaceAll(id, "-", "&#45;") + "</text>" // Graphviz writes - as &#45;
		assert.True(t, bytes.Contains(svg, []byte(label)), "testdata/example.svg lacks %s; regenerate it (README: The example's graph)", id)
	}
	require.Equal(t, 0, run([]string{"--dot", example}, nil, &dot, &stderr), stderr.String())
	if _, err := exec.LookPath("dot"); err != nil {
		t.Skip("Graphviz dot is not installed: the picture is not redrawn")
	}
	version, err := exec.Command("dot", "-V").CombinedOutput()
	require.NoError(t, err)
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(string(version)), "dot - "))
	if !bytes.Contains(svg, []byte("<!-- Generated by "+v)) {
		t.Skipf("testdata/example.svg was made by another Graphviz than %s: not compared byte for byte", v)
	}
	cmd := exec.Command("dot", "-Tsvg")
	cmd.Stdin = &dot
	redrawn, err := cmd.Output()
	require.NoError(t, err)
	assert.Equal(t, string(redrawn), string(svg), "testdata/example.svg is out of date: go run ./cmd/plan --dot testdata/example | dot -Tsvg > testdata/example.svg")
}
