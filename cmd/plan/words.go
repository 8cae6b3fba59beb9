package main

import (
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
)

// clean and plural are the report package's words, under the short names
// the messages and the reports still written here use.
func clean(s string) string            { return termtext.Clean(s) }
func plural(n int, word string) string { return report.Plural(n, word) }

// cleanPath and cleanErr print a file name and an error (whose path it
// may hold) so that no control character reaches the terminal and no
// name reads as another FILE:LINE location (termtext.Path).
func cleanPath(name string) string { return termtext.Path(name) }
func cleanErr(err error) string    { return termtext.Error(err) }
