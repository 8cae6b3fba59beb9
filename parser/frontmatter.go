package parser

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file reads YAML front matter: a block between a "---" line at the
// very top of a document and the next "---" (or "...") line, as Backlog.md
// and static-site tools write it. The YAML library reads it; the block's
// lines are then blanked (their newlines kept) so that goldmark never sees
// them and every line number stays the same.

// frontMatter is what a document's front matter says, each value with its
// 1-based line in the document.
type frontMatter struct {
	id, title                *fieldAt
	priority, status, effort *fieldAt
	rows                     []depRow
	fields                   []Field // every key read, for plan explain
}

// frontKeys maps a front-matter key (lower case) to what it is.
var frontKeys = map[string]string{
	"id": "id", "title": "title", "status": "status", "priority": "priority",
	"effort": "effort", "estimate": "effort",
	"dependencies": "requires", "depends_on": "requires", "requires": "requires", "blocked_by": "requires",
	"optional": "optional", "blocks": "blocks",
}

// splitFrontMatter finds front matter at the top of src (normalised). It
// returns src with the front matter's lines blanked, the lines' text and
// the 1-based line of the opening "---"; ok is false when src has none.
func splitFrontMatter(src []byte) (body, yamlText []byte, ok bool) {
	if !bytes.HasPrefix(src, []byte("---")) {
		return src, nil, false
	}
	first := bytes.IndexByte(src, '\n')
	if first < 0 || strings.TrimRight(string(src[:first]), " \t") != "---" {
		return src, nil, false
	}
	for off := first + 1; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end < 0 {
			end = len(src)
		} else {
			end += off
			next = end + 1
		}
		l := strings.TrimRight(string(src[off:end]), " \t")
		if l == "---" || l == "..." {
			yamlText = src[first+1 : off]
			body = make([]byte, 0, len(src))
			body = append(body, bytes.Repeat([]byte("\n"), bytes.Count(src[:next], []byte("\n")))...)
			body = append(body, src[next:]...)
			return body, yamlText, true
		}
		off = next
	}
	return src, nil, false
}

// readFrontMatter reads the YAML of front matter whose first line is line 2
// of the document. Problems are reported through d.
func (d *document) readFrontMatter(text []byte) *frontMatter {
	fm := &frontMatter{}
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			fmt.Sscan(m[1], &line)
			msg = m[2]
		}
		// d.lines is not set yet: the line is inside the front matter,
		// which is inside the document.
		d.problems = append(d.problems, Problem{Severity: Warning, Code: CodeParse, File: d.file, Line: min(line+1, 1+bytes.Count(text, []byte("\n"))),
			Message: fmt.Sprintf("front matter is not valid YAML (%s); it is ignored", msg)})
		return fm
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return fm
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		what, known := frontKeys[strings.ToLower(strings.TrimSpace(k.Value))]
		if !known {
			continue
		}
		line := k.Line + 1
		means := what
		switch what {
		case "requires", "optional", "blocks":
			means = "dependencies"
		}
		fm.fields = append(fm.fields, Field{Name: k.Value, Means: means, Line: line, Text: frontText(k, v)})
		switch what {
		case "requires", "optional", "blocks":
			fm.deps(what, v, line)
			continue
		}
		if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
			continue
		}
		f := &fieldAt{value: v.Value, line: line}
		switch what {
		case "id":
			fm.id = f
		case "title":
			fm.title = f
		case "status":
			fm.status = f
		case "priority":
			fm.priority = f
		case "effort":
			fm.effort = f
		}
	}
	return fm
}

// frontText is a front-matter entry as plan explain shows it.
func frontText(k, v *yaml.Node) string {
	switch v.Kind {
	case yaml.ScalarNode:
		return k.Value + ": " + v.Value
	case yaml.SequenceNode:
		var items []string
		for _, it := range v.Content {
			items = append(items, it.Value)
		}
		return k.Value + ": [" + strings.Join(items, ", ") + "]"
	}
	return k.Value + ":"
}

// deps turns a dependency key's value (a list, or one string of IDs
// separated by commas) into dependency rows, one per item, each at its
// own line.
func (fm *frontMatter) deps(what string, v *yaml.Node, line int) {
	add := func(s string, line int) {
		s = strings.TrimSpace(s)
		if s == "" {
			return
		}
		row := depRow{line: line, required: what == "requires", reverse: what == "blocks", header: true, name: s, statusCol: -1}
		if IsID(strings.ToUpper(s)) {
			row.items = []depItem{{ids: []string{s}}}
		} else if ids := findIDs(s); len(ids) > 0 {
			row.items = []depItem{{ids: ids}}
		}
		fm.rows = append(fm.rows, row)
	}
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Tag == "!!null" {
			return
		}
		for _, s := range strings.Split(v.Value, ",") {
			add(s, v.Line+1)
		}
	case yaml.SequenceNode:
		for _, it := range v.Content {
			if it.Kind == yaml.ScalarNode {
				add(it.Value, it.Line+1)
			}
		}
	}
}
