package parser

import (
	_ "embed"
	"go/doc/comment"
	"strings"
)

// docSource is doc.go as written: its package comment is the one
// specification of the packet format.
//
//go:embed doc.go
var docSource string

// Spec returns the packet format's specification, the package comment of
// doc.go, as plain text without the Go comment markers, for `plan help
// format`. Embedding the file keeps the page and the package
// documentation one text: an installed binary prints what `go doc` shows.
func Spec() string {
	var text strings.Builder
	for line := range strings.Lines(docSource) {
		rest, ok := strings.CutPrefix(line, "//")
		if !ok {
			break // the comment ends at the package clause
		}
		text.WriteString(strings.TrimPrefix(rest, " "))
	}
	var p comment.Parser
	pr := comment.Printer{TextWidth: 76}
	return string(pr.Text(p.Parse(text.String())))
}
