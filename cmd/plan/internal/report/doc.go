// Package report is what plan prints: the analysis of a plan and every
// output format of it (text, markdown, CSV, JSON, GitHub annotations and
// the Mermaid gantt chart, the HTML report), with all escaping in escape.go
// (the HTML page's by html/template). It writes only
// to the io.Writer it is given: no flags, no exit codes, no file system.
package report
