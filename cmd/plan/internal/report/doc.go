// Package report is what plan prints: the analysis of a plan and every
// output format of it (text, markdown, CSV, JSON, GitHub annotations and
// the Mermaid gantt chart), with all escaping in escape.go. It writes only
// to the io.Writer it is given: no flags, no exit codes, no file system.
package report
