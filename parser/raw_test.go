package parser

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// readRawAndInline reads src whole twice, with the raw paragraphs and with
// every paragraph's inline content parsed, and fails when the two differ
// in anything plan reports: leaving a paragraph's inline content unparsed
// must change nothing plan reads.
func readRawAndInline(t testing.TB, file string, src []byte) {
	t.Helper()
	read := func(inlineAll bool) (string, []depRow, bool, string, *Explanation) {
		d, body := newDocument(file, src, nil)
		d.src, d.lines, d.inlineAll = body, newLineIndex(body), inlineAll
		d.explain = &Explanation{}
		p, rows, probs := d.parse()
		return docJSON(p, rows, probs), rows, d.template, d.why, d.explain
	}
	got, rows, tmpl, why, ex := read(false)
	want, wrows, wtmpl, wwhy, wex := read(true)
	if got != want || tmpl != wtmpl || why != wwhy {
		t.Fatalf("raw and inline paragraphs differ on %s\nraw:    %s %v %q\ninline: %s %v %q\n--- document ---\n%s", file, got, tmpl, why, want, wtmpl, wwhy, src)
	}
	if !reflect.DeepEqual(rows, wrows) || !reflect.DeepEqual(ex, wex) {
		t.Fatalf("raw and inline paragraphs give different rows or fields on %s\nraw:    %+v %+v\ninline: %+v %+v", file, rows, ex, wrows, wex)
	}
}

// rawSeeds are the markdown files under testdata and the shared corpora
// (when present), and the documents built to mislead the line scanner.
func rawSeeds(t testing.TB) map[string][]byte {
	seeds := map[string][]byte{}
	for _, root := range []string{"../testdata", "../../shared/corpora"} {
		_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && isMarkdown(path) {
				if src, err := os.ReadFile(path); err == nil {
					seeds[path] = src
				}
			}
			return nil
		})
	}
	for _, tt := range traps {
		seeds["trap "+tt.name] = []byte(tt.src)
	}
	for i, s := range rawCases {
		seeds["case "+string(rune('a'+i))] = []byte(s)
	}
	return seeds
}

// rawCases are paragraphs next to the constructs goldmark treats by their
// type: setext underlines, tables that start or end a paragraph, link
// reference definitions, tight and loose list items, block quotes in
// items, and paragraphs that are lazy continuations.
var rawCases = []string{
	"# A-1: a\n\n**Status**: Done\n**Depends on**: A-2\n===\n\n## Dependencies\n\nx\n---\n- A-3\n",
	"# A-1: a\n**Priority**: P1\n| Dependency | Status |\n|---|---|\n| A-2 | ✅ |\ntext after\n",
	"# A-1: a\n## Dependencies\n[r]: ../b/A-2.md\n| Dependency |\n|---|\n| [A-2][r] |\n- [x][r]\n",
	"# A-1: a\n## Dependencies\n- A-2\n\n  more\n- **Blocks**: A-3\n\n  > | Dependency |\n  > |---|\n  > | A-4 |\n",
	"# A-1: a\n## Dependencies\n> **Blocks**:\n- A-2\n> lazy\ncontinued\n- A-3 *x\n  y* z\n",
	"# A-1: a\n\n**Depends on**:\n- **Hard:** A-2\n- Soft: A-3\n\nDepends on: A-4,\n  A-5\n=\n",
	"A-1: a\n===\n\n**Status**: WIP\n\nDepends on: A-2\n---\n",
	"# A-1: a\n## Dependencies\n**Related**:\n- A-2\n\n**Blocks**:\n\n1. A-3\n2. [A-4](x.md)\n",
	"# A-1: a\n## Dependencies\n| a |\n|---|\n| A-2 |\n---\n- A-3\n",
	"# A-1: a\n\n<div>\n**Status**: x\n</div>\n\nStatus: Done\n<span>z</span>\n",
}

// TestRawParagraphsChangeNothing reads every seed with and without raw
// paragraphs.
func TestRawParagraphsChangeNothing(t *testing.T) {
	for name, src := range rawSeeds(t) {
		readRawAndInline(t, name, src)
	}
}

// TestRawParagraphsLeaveListItems checks which paragraphs are raw: those
// outside list items, and not the text of a setext heading.
func TestRawParagraphsLeaveListItems(t *testing.T) {
	src := []byte("para **x**\n\n> quoted *y*\n\n- tight `z`\n- item\n\n  > in item\n\nHeading\n---\n\nlast\n")
	root := markdown().Parse(text.NewReader(src))
	var raw, parsed []string
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && (n.Kind() == ast.KindParagraph || n.Kind() == ast.KindTextBlock) {
			line := n.Lines().At(0)
			s := string(line.Value(src))
			if n.IsRaw() {
				raw = append(raw, s)
				if n.HasChildren() {
					t.Errorf("raw paragraph %q has inline children", s)
				}
			} else {
				parsed = append(parsed, s)
			}
		}
		return ast.WalkContinue, nil
	})
	if want := []string{"para **x**", "quoted *y*", "in item", "last"}; !reflect.DeepEqual(raw, want) {
		t.Errorf("raw paragraphs %q, want %q", raw, want)
	}
	if want := []string{"tight `z`", "item"}; !reflect.DeepEqual(parsed, want) {
		t.Errorf("parsed paragraphs %q, want %q", parsed, want)
	}
	if h := root.FirstChild().NextSibling().NextSibling().NextSibling(); h == nil || h.Kind() != ast.KindHeading {
		t.Errorf("the setext heading is lost")
	}
}

// FuzzRawParagraphs: for any document, raw paragraphs read as parsed
// ones, and reading it with the scratch the inputs before it were read
// with (as a Load worker reads file after file) gives what a new scratch
// gives.
func FuzzRawParagraphs(f *testing.F) {
	for _, src := range rawSeeds(f) {
		f.Add(src)
	}
	sc := new(scratch)
	f.Fuzz(func(t *testing.T, src []byte) {
		readRawAndInline(t, "fuzz.md", src)
		p, rows, probs, whole, tmpl, why := readDocumentIn(sc, "fuzz.md", src, nil)
		wp, wrows, wprobs, wwhole, wtmpl, wwhy := readDocumentIn(new(scratch), "fuzz.md", src, nil)
		if got, want := docJSON(p, rows, probs), docJSON(wp, wrows, wprobs); got != want || whole != wwhole || tmpl != wtmpl || why != wwhy || !reflect.DeepEqual(rows, wrows) {
			t.Fatalf("read with a used scratch: %s\nwith a new one: %s", got, want)
		}
	})
}
