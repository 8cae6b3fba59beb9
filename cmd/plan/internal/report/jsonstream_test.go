package report

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/internal/corpus"
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

// TestWriteReportJSONStreamsChunked: on a plan of more packets than two
// chunks, whose packets two goroutines write (when there are two cores),
// the document is still byte for byte WriteJSON of FullReport, with one
// core and with two.
func TestWriteReportJSONStreamsChunked(t *testing.T) {
	dir := t.TempDir()
	n := 5*packetChunk + 7 // an odd chunk at the end, and a short one
	_, err := corpus.Write(dir, corpus.Options{Packets: n, Seed: 3})
	require.NoError(t, err)
	set, errs := parser.Load([]string{dir}, parser.Options{})
	require.Empty(t, errs)
	require.Len(t, set.Packets, n)
	a, err := Analyze(set)
	require.NoError(t, err)
	var whole bytes.Buffer
	require.NoError(t, WriteJSON(&whole, FullReport(a)))
	for _, procs := range []int{1, 2} {
		prev := runtime.GOMAXPROCS(procs)
		var streamed bytes.Buffer
		err := WriteReportJSON(&streamed, a)
		runtime.GOMAXPROCS(prev)
		require.NoError(t, err)
		assert.Equal(t, whole.String(), streamed.String(), "GOMAXPROCS %d", procs)
	}
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

// jsonOf is v as encoding/json writes it with HTML escaping off.
func jsonOf(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// TestAppendJSONStringAndFloat: the hand-written packet writer quotes
// strings and spells numbers as encoding/json does, on what packets hold:
// control characters, quotes, backslashes, HTML, invalid UTF-8, the two
// separators JSON leaves alone and JavaScript does not; small, large,
// negative, fractional and rounded days.
func TestAppendJSONStringAndFloat(t *testing.T) {
	for _, s := range []string{"", "plain", "R&D <b>", "tab\there\nnew\rline\b\f\x00\x1f\x7f", `"quoted" \back\slash`,
		"\xff\xfe bad \xc3", "line\u2028para\u2029", "é ✅ 🚧 \ufeff", "\xed\xa0\x80 surrogate", strings.Repeat("x\x01", 40)} {
		assert.Equal(t, jsonOf(t, s), string(appendJSONString(nil, s)), "%q", s)
	}
	for _, f := range []float64{0, 1, -1, 0.5, 2.25, 1e-6, 9.99e-7, 1e-7, 1.5e-9, 1e20, 1e21, 123456789.125, -0.001, 1.0 / 3, 0.1 + 0.2, 1e300, 5e-324} {
		got, err := appendJSONFloat(nil, f)
		require.NoError(t, err)
		assert.Equal(t, jsonOf(t, f), string(got), "%v", f)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		_, err := appendJSONFloat(nil, f)
		assert.Error(t, err, "%v", f)
	}
}

// FuzzAppendJSONString: any string is quoted as encoding/json quotes it.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "a\"b", "\xff", "\u2028", "\x00<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if want, got := jsonOf(t, s), string(appendJSONString(nil, s)); want != got {
			t.Fatalf("%q: encoding/json %s, appendJSONString %s", s, want, got)
		}
	})
}

// TestAppendPacketJSON: a packet with every field set, and one with none,
// is written as encoding/json indents it in the report.
func TestAppendPacketJSON(t *testing.T) {
	p1, likely, progress, actual := "P1", 3.5, 40, 2.125
	full := PacketJSON{ID: "WP-001", Title: "Auth \"API\"\n", File: "a/WP-001.md", Line: 3, Priority: &p1, EffectivePriority: &p1,
		Status: "in_progress", Progress: &progress, Effort: &effortJSON{Low: 1, High: 8, Likely: &likely},
		Remaining: remainingJSON{Low: 0.6, High: 4.8, Expected: 2.4}, Actual: &actual,
		Requires: []string{"WP-000", "WP-002"}, Optional: []string{},
		Externals: []externalJSON{{Name: "Stripe", Status: "❌ Not Provisioned", Class: "blocking", Required: true, Blocking: true, Line: 9}, {Name: "PG", Class: "available", Line: 10}}}
	for _, p := range []PacketJSON{full, {ID: "WP-002", Externals: []externalJSON{}}, {ID: "WP-003", Effort: &effortJSON{Low: 1e-7, High: 2e21}}} {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, []byte(jsonOf(t, p)), "    ", "  "))
		got, err := appendPacketJSON(nil, &p)
		require.NoError(t, err)
		assert.Equal(t, want.String(), string(got))
	}
}
