package change

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/help/schematest"
	"github.com/workpackets/plan/parser"
)

// copyFolder writes every file of the repository's testdata/src into the
// test repository under dst.
func (r *testRepo) copyFolder(src, dst string) {
	r.t.Helper()
	root := filepath.Join(pkgDir, "..", "..", "..", "..", "testdata", src)
	require.NoError(r.t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		r.write(dst+"/"+filepath.ToSlash(rel), string(data))
		return nil
	}))
}

// edit replaces old with new in a file of the working tree, once, and
// fails when old is not there.
func (r *testRepo) edit(name, old, new string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	require.NoError(r.t, err)
	require.Contains(r.t, string(data), old, name)
	require.NoError(r.t, os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644))
}

// TestFormatsGoldenOnTestdata shows every format of plan diff and plan
// history on the repository's testdata folders: the example folder
// committed, then a packet completed and an estimate with a most-likely
// value changed, then the cycles folder added; in the working tree a
// packet started and the self-cycle removed. Run go test
// ./cmd/plan/internal/change -run TestFormatsGoldenOnTestdata -update to
// rewrite testdata/example-*, then read the diff line by line.
func TestFormatsGoldenOnTestdata(t *testing.T) {
	r := newRepo(t)
	r.copyFolder("example", "packets")
	commits := []string{r.commit("2026-11-02", "packets: the example")}
	r.edit("packets/frontend/FE-DESIGN-001-design-system.md", "**Status**: 🏗️ In Progress", "**Status**: ✅ Complete")
	r.edit("packets/backend/BE-PAY-001-payments.md", "5-8 days (likely 6)", "5-9 days (likely 7)")
	commits = append(commits, r.commit("2026-11-04", "FE-DESIGN-001 done; BE-PAY-001 is bigger"))
	r.copyFolder("cycles", "packets/cycles")
	commits = append(commits, r.commit("2026-11-10", "packets: the cycles"))
	r.edit("packets/frontend/FE-LOGIN-001-login-pages.md", "**Status**: 🚧 Not Started", "**Status**: 🏗️ In Progress")
	require.NoError(t, os.Remove(filepath.Join(r.dir, "packets", "cycles", "CYC-005-selfish.md")))

	hide := func(b []byte, pad string) []byte {
		s := string(b)
		for i, c := range commits {
			n := string(rune('1' + i))
			s = strings.ReplaceAll(s, c, "<commit"+n+">")
			s = strings.ReplaceAll(s, c[:7], "<c"+n+">"+pad)
		}
		return []byte(s)
	}

	schemas, err := schematest.Compile()
	require.NoError(t, err)
	d, ioErrs, err := DiffWorkingTree(DiffOptions{Rev: commits[0], Paths: []string{"packets"}, Forecast: true, Sim: sim})
	require.NoError(t, err)
	require.Empty(t, ioErrs)
	for _, format := range []string{"text", "markdown", "json"} {
		var b bytes.Buffer
		require.NoError(t, WriteDiff(&b, d, format))
		if format == "json" {
			assert.NoError(t, schematest.Validate(schemas["diff"], b.Bytes()), "plan diff's JSON against diff.schema.json")
		}
		golden(t, "example-diff."+map[string]string{"text": "txt", "markdown": "md", "json": "json"}[format], hide(b.Bytes(), ""))
	}

	points, err := HistoryOf([]string{"packets"}, parser.Options{}, HistoryOptions{Forecast: true, Sim: sim})
	require.NoError(t, err)
	require.Len(t, points, 3)
	for _, format := range []string{"text", "csv", "json", "svg"} {
		var b bytes.Buffer
		require.NoError(t, WriteHistory(&b, points, format, true))
		if format == "json" {
			assert.NoError(t, schematest.Validate(schemas["history"], b.Bytes()), "plan history's JSON against history.schema.json")
		}
		golden(t, "example-history."+map[string]string{"text": "txt", "csv": "csv", "json": "json", "svg": "svg"}[format], hide(b.Bytes(), "  "))
	}

	weekly, err := HistoryOf([]string{"packets"}, parser.Options{}, HistoryOptions{Weekly: true, Since: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, WriteHistory(&b, weekly, "text", false))
	golden(t, "example-history-weekly.txt", hide(b.Bytes(), "  "))
	b.Reset()
	require.NoError(t, WriteHistory(&b, weekly, "json", false))
	assert.NoError(t, schematest.Validate(schemas["history"], b.Bytes()), "the weekly history without forecast")
	b.Reset()
	require.NoError(t, WriteHistory(&b, nil, "json", false))
	assert.JSONEq(t, `{"schema_version": 1, "commits": []}`, b.String(), "no commit is an empty list, not null")
	assert.NoError(t, schematest.Validate(schemas["history"], b.Bytes()))
}
