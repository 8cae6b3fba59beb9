package report

import (
	"path/filepath"
	"strings"
)

// PageTitle heads the HTML report: "Plan: " and the paths read, the name
// of the current folder cwd for "." ("Plan: ." would say nothing on the
// wall); cwd "" when it is not known.
func PageTitle(paths []string, cwd string) string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = p
		if cwd != "" && filepath.Clean(p) == "." {
			names[i] = filepath.Base(cwd)
		}
	}
	return "Plan: " + strings.Join(names, ", ")
}

// NoTeamNote stands on the page where the schedule would be, when no
// team was given.
const NoTeamNote = "No team given, so no schedule: pass --team N or set team: in plan.yaml."

// What the report says when Graphviz cannot draw the graph: on standard
// error (the warning and the hint), and on the page instead of the graph
// (the notes).
const (
	NoDotWarning = "report: Graphviz 'dot' is not on PATH: the page has no dependency graph"
	NoDotHint    = "install Graphviz (apt install graphviz, brew install graphviz) and run again"
	NoDotNote    = "Not drawn: Graphviz (dot) was not found on PATH when this page was made. Install Graphviz and run plan report again, or draw it with plan --dot | dot -Tsvg."
)

// NotDrawnNote is the page's note for a graph whose DOT text could not be
// written (err).
func NotDrawnNote(err error) string { return "Not drawn: " + err.Error() }

// DotFailed are the warning and the page's note when dot -Tsvg failed
// with the message msg.
func DotFailed(msg string) (warning, note string) {
	return "report: dot -Tsvg failed: " + clean(msg), "Not drawn: Graphviz (dot -Tsvg) failed: " + msg
}
