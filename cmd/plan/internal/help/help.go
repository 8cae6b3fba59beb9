// Package help holds the reference pages `plan help TOPIC` prints and the
// JSON Schemas of the documents plan writes. They are embedded, so an
// installed binary carries them: nothing is read from a clone.
package help

import (
	"embed"
	"io/fs"
	"slices"
	"strings"

	"github.com/workpackets/plan/parser"
)

//go:embed topics/*.md
var topicFiles embed.FS

//go:embed schema/*.schema.json
var schemaFiles embed.FS

// A Summary names a topic and says in a line what its page is about.
type Summary struct {
	Name  string
	Short string
}

// topics are the pages in the order `plan help` lists them. config is the
// config command's own help, kept with the command's flags.
var topics = []Summary{
	{"format", "the packet format: what plan reads from a markdown file"},
	{"json", "the JSON documents, their schemas and the schema_version rule"},
	{"exit-codes", "what exit 0, 1 and 2 mean"},
	{"config", "plan.yaml: status words, sizes, working days, flag defaults"},
	{"ci", "CI: problem codes, baselines, GitHub Actions, pre-commit"},
	{"method", "how the order, critical path, forecast and schedule are computed"},
	{"outputs", "pictures and documents: DOT, Mermaid, markdown, CSV"},
	{"changes", "plan sync, plan new, plan diff and plan history in detail"},
	{"limits", "what plan reads at most, and why"},
}

// Topics lists the topics, in the order `plan help` shows them.
func Topics() []Summary { return slices.Clone(topics) }

// TopicList is the topics as plan help's own help lists them: one line
// each, the name in a column and what its page is about.
func TopicList() string {
	var b strings.Builder
	for _, t := range topics {
		b.WriteString("  " + t.Name + strings.Repeat(" ", max(11-len(t.Name), 0)+1) + t.Short + "\n")
	}
	return b.String()
}

// TopicNames are the topics' names, in order.
func TopicNames() []string {
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.Name
	}
	return names
}

// Page returns the page of topic name and whether there is one. config
// has none here: its page is the config command's help.
func Page(name string) (string, bool) {
	switch name {
	case "format":
		return "# The packet format (parser/doc.go)\n\n" + parser.Spec(), true
	case "json":
		page, _ := fs.ReadFile(topicFiles, "topics/json.md")
		var b strings.Builder
		b.Write(page)
		for _, n := range SchemaNames() {
			s, _ := Schema(n)
			b.WriteString("\n## " + n + ".schema.json\n\n")
			b.Write(s)
		}
		return b.String(), true
	}
	page, err := fs.ReadFile(topicFiles, "topics/"+name+".md")
	if err != nil {
		return "", false
	}
	return string(page), true
}

// SchemaNames lists the schemas by the name `plan help json NAME` takes,
// sorted, with common (the parts the others refer to) last.
func SchemaNames() []string {
	files, _ := fs.Glob(schemaFiles, "schema/*.schema.json")
	var names []string
	for _, f := range files {
		n := strings.TrimSuffix(strings.TrimPrefix(f, "schema/"), ".schema.json")
		if n != "common" {
			names = append(names, n)
		}
	}
	slices.Sort(names) // by name, not by file name: blocked before blocked-by
	return append(names, "common")
}

// Schema returns the JSON Schema named name (plan, check, ...) as
// embedded, and whether there is one.
func Schema(name string) ([]byte, bool) {
	if strings.ContainsAny(name, "/\\.") {
		return nil, false
	}
	b, err := fs.ReadFile(schemaFiles, "schema/"+name+".schema.json")
	return b, err == nil
}

// SchemaFS holds the schema files as NAME.schema.json, for a validator
// that loads them all.
func SchemaFS() fs.FS {
	sub, _ := fs.Sub(schemaFiles, "schema")
	return sub
}
