package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/cmd/plan/internal/help"
	"github.com/workpackets/plan/cmd/plan/internal/help/schematest"
)

// compileSchemas compiles every embedded schema with a real validator,
// formats asserted, and returns them by name (plan, check, ...).
func compileSchemas(t *testing.T) map[string]*jsonschema.Schema {
	t.Helper()
	schemas, err := schematest.Compile()
	require.NoError(t, err)
	return schemas
}

// validateDoc checks that doc is valid JSON that schema accepts.
var validateDoc = schematest.Validate

// schemaFolders are the folders whose every JSON output the schemas must
// accept: the testdata folders, each dialect folder, and the real folders
// of ../shared when present.
func schemaFolders(t *testing.T) []string {
	root, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	require.NoError(t, err)
	folders := []string{}
	for _, d := range []string{"example", "cycles", "duplicates", "dangling", "crlf", "misencoded"} {
		folders = append(folders, filepath.Join(root, d))
	}
	dialects, err := os.ReadDir(filepath.Join(root, "dialects"))
	require.NoError(t, err)
	for _, e := range dialects {
		if e.IsDir() {
			folders = append(folders, filepath.Join(root, "dialects", e.Name()))
		}
	}
	shared := filepath.Join(root, "..", "..", "shared", "corpora")
	for _, d := range []string{"codex-work-packets", filepath.Join("adversarial-workflow", ".kit", "tasks")} {
		if _, err := os.Stat(filepath.Join(shared, d)); err == nil {
			folders = append(folders, filepath.Join(shared, d))
		} else {
			t.Logf("skipping the real folder %s: not present", d)
		}
	}
	return folders
}

// TestJSONSchemasAcceptEveryOutput runs every command that prints JSON on
// every folder, with the flags that add or null keys, and validates each
// document against its schema.
func TestJSONSchemasAcceptEveryOutput(t *testing.T) {
	schemas := compileSchemas(t)
	for _, dir := range schemaFolders(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			runJSON := func(schema string, args ...string) []byte {
				t.Helper()
				var stdout, stderr bytes.Buffer
				code := run(args, nil, &stdout, &stderr)
				require.Contains(t, []int{0, 1}, code, "plan %s: %s", strings.Join(args, " "), stderr.String())
				assert.NoError(t, validateDoc(schemas[schema], stdout.Bytes()), "plan %s against %s.schema.json", strings.Join(args, " "), schema)
				return stdout.Bytes()
			}
			full := runJSON("plan", "--json", dir)
			runJSON("check", "check", "--json", dir)
			runJSON("check", "check", "--strict", "--json", dir)
			runJSON("order", "order", "--json", dir)
			runJSON("order", "order", "--all", "--json", dir)
			runJSON("ready", "ready", "--json", dir)
			runJSON("blocked", "blocked", "--json", dir)
			runJSON("critical", "critical", "--json", dir)
			runJSON("estimate", "estimate", "--iterations", "200", "--json", dir)
			runJSON("estimate", "estimate", "--iterations", "200", "--team", "2", "--dist", "pert", "--percentiles", "50,99.9", "--start", "2026-12-01", "--json", dir)
			runJSON("schedule", "schedule", "--team", "2", "--json", dir)
			runJSON("schedule", "schedule", "--team", "3", "--sprint", "10", "--start", "2026-12-01", "--json", dir)
			runJSON("config", "config", "--json", dir)

			baseline := filepath.Join(t.TempDir(), "baseline.json")
			var stdout, stderr bytes.Buffer
			require.Equal(t, 0, run([]string{"check", "--write-baseline", baseline, dir}, nil, &stdout, &stderr), stderr.String())
			written, err := os.ReadFile(baseline)
			require.NoError(t, err)
			assert.NoError(t, validateDoc(schemas["baseline"], written), "the --write-baseline file")
			runJSON("check", "check", "--baseline", baseline, "--json", dir)

			var doc struct {
				Packets []struct{ ID, File string }
				Files   struct{ Skipped []string }
			}
			require.NoError(t, json.Unmarshal(full, &doc))
			for i, p := range doc.Packets {
				if i < 5 || i == len(doc.Packets)-1 {
					runJSON("blocked-by", "blocked", "--by", p.ID, "--json", dir)
					runJSON("explain", "explain", "--json", p.File, dir)
				}
			}
			for _, f := range doc.Files.Skipped {
				runJSON("explain", "explain", "--json", f, dir)
			}
		})
	}
}

// TestJSONSchemasOfGitCommands validates plan diff and plan history on a
// repository of two commits of the example folder (and a history of no
// commit, which is an empty list).
func TestJSONSchemasOfGitCommands(t *testing.T) {
	schemas := compileSchemas(t)
	exampleRepo(t)
	for _, c := range []struct {
		schema string
		args   []string
	}{
		{"diff", []string{"diff", "HEAD~1", "--iterations", "200", "--format", "json", "packets"}},
		{"diff", []string{"diff", "HEAD", "--iterations", "200", "--format", "json", "packets"}},
		{"history", []string{"history", "--iterations", "200", "--format", "json", "packets"}},
		{"history", []string{"history", "--iterations", "200", "--every", "week", "--since", "2000-01-01", "--format", "json", "packets"}},
		{"history", []string{"history", "--iterations", "200", "--since", "2999-01-01", "--format", "json", "packets"}},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, nil, &stdout, &stderr)
		require.Equal(t, 0, code, "plan %s: %s", strings.Join(c.args, " "), stderr.String())
		assert.NoError(t, validateDoc(schemas[c.schema], stdout.Bytes()), "plan %s", strings.Join(c.args, " "))
	}
}

// TestJSONSchemasRejectRenamedKeys proves the schemas are strict: the
// example's real documents with one key renamed, one removed or one value
// of the wrong type fail validation, and the error names the place.
func TestJSONSchemasRejectRenamedKeys(t *testing.T) {
	schemas := compileSchemas(t)
	example := filepath.Join("..", "..", "testdata", "example")
	output := func(args ...string) string {
		var stdout, stderr bytes.Buffer
		require.Equal(t, 0, run(args, nil, &stdout, &stderr), stderr.String())
		return stdout.String()
	}
	plan := output("--json", example)
	sched := output("schedule", "--team", "2", "--sprint", "10", "--json", example)
	for _, c := range []struct {
		name, schema, doc, old, new, where string
	}{
		{"a packet key renamed", "plan", plan, `"effective_priority":`, `"effectivePriority":`, "/packets/0"},
		{"a top-level key renamed", "plan", plan, `"critical_path":`, `"critical":`, ""},
		{"a nested key renamed", "plan", plan, `"waits_on_truncated":`, `"waits_on_cut":`, "/blocked/0"},
		{"a status outside the enumeration", "plan", plan, `"status": "complete"`, `"status": "done"`, "/packets/0/status"},
		{"a null where a list belongs", "plan", plan, `"optional": []`, `"optional": null`, "/packets/0/optional"},
		{"a sprint renamed", "schedule", sched, `"sprint":`, `"sprint_number":`, "/assignments/0"},
		{"a required key removed", "schedule", sched, `"lower_bound":`, `"_lower_bound":`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, validateDoc(schemas[c.schema], []byte(c.doc)), "the unmutated document must pass")
			mutated := strings.Replace(c.doc, c.old, c.new, 1)
			require.NotEqual(t, c.doc, mutated, "the mutation %q found nothing to change", c.old)
			err := validateDoc(schemas[c.schema], []byte(mutated))
			require.Error(t, err, "the schema accepted %s", c.name)
			assert.Contains(t, err.Error(), "'"+c.where, "the error should point at %s", c.where)
		})
	}
}

// TestJSONSchemaFiles checks that every schema is listed on the json help
// page and carries draft 2020-12 and the $id it is loaded under.
func TestJSONSchemaFiles(t *testing.T) {
	page, ok := help.Page("json")
	require.True(t, ok)
	files, err := fs.Glob(help.SchemaFS(), "*.schema.json")
	require.NoError(t, err)
	require.Len(t, help.SchemaNames(), len(files))
	for _, n := range help.SchemaNames() {
		assert.Contains(t, page, "| "+n+" |", "plan help json does not list %s", n)
		data, _ := help.Schema(n)
		var head struct {
			Schema string `json:"$schema"`
			ID     string `json:"$id"`
		}
		require.NoError(t, json.Unmarshal(data, &head), n)
		assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", head.Schema, n)
		assert.Equal(t, schematest.Base+n+".schema.json", head.ID, n)
	}
}
