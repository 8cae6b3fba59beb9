package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestWriteReportJSONStreams: plan --json, written one list item at a
// time, is byte for byte WriteJSON of the whole FullReport (the document
// as encoding/json builds and indents it) on every folder of the
// repository's testdata and the third-party corpora when present.
func TestWriteReportJSONStreams(t *testing.T) {
	root := filepath.Join("..", "..", "..", "..", "testdata")
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	var folders []string
	for _, e := range entries {
		if e.IsDir() {
			folders = append(folders, filepath.Join(root, e.Name()))
		}
	}
	for _, c := range []string{"codex-work-packets", filepath.Join("adversarial-workflow", ".kit", "tasks")} {
		if dir := filepath.Join(root, "..", "..", "shared", "corpora", c); dirExists(dir) {
			folders = append(folders, dir)
		}
	}
	compared := 0
	for _, dir := range folders {
		set, _ := parser.Load([]string{dir}, parser.Options{})
		if len(set.Packets) == 0 {
			continue
		}
		a, err := Analyze(set)
		if err != nil {
			continue // a plan the critical path method refuses prints no report
		}
		var whole, streamed bytes.Buffer
		require.NoError(t, WriteJSON(&whole, FullReport(a)))
		require.NoError(t, WriteReportJSON(&streamed, a))
		assert.Equal(t, whole.String(), streamed.String(), dir)
		compared++
	}
	assert.Greater(t, compared, 5, "the folders hold packets")
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}

// TestAppendIndented: a value laid out at a depth is what json.Indent
// makes of it inside a document, for empty and nested objects and lists
// and strings holding brackets, quotes, escapes and colons.
func TestAppendIndented(t *testing.T) {
	for _, v := range []any{
		map[string]any{},
		[]any{},
		"a string with [brackets], {braces}: \"quotes\" and \\ backslashes\\",
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{1, "x,y", []any{[]any{}}, map[string]any{"d": nil}}, "e\"f": "g:h"},
		[]any{map[string]any{"x": 1.5e-7, "y": true}, "\u2028\x01é"},
	} {
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(v))
		src := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
		for depth := range 3 {
			// The value of a document nested depth deep, indented whole.
			doc := append(bytes.Repeat([]byte("["), depth), src...)
			doc = append(doc, bytes.Repeat([]byte("]"), depth)...)
			var want bytes.Buffer
			require.NoError(t, json.Indent(&want, doc, "", "  "))
			var got []byte
			for d := range depth {
				got = append(got, '[', '\n')
				got = append(got, bytes.Repeat([]byte("  "), d+1)...)
			}
			got = appendIndented(got, src, depth)
			for d := depth - 1; d >= 0; d-- {
				got = append(got, '\n')
				got = append(got, bytes.Repeat([]byte("  "), d)...)
				got = append(got, ']')
			}
			assert.Equal(t, want.String(), string(got), "%s at depth %d", src, depth)
		}
	}
}
