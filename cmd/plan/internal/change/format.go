package change

import (
	"io"
	"os"

	"github.com/workpackets/plan/cmd/plan/internal/report"
)

// SplitRev reads plan diff's arguments: the first is the revision unless
// it is a path that exists (a folder named like a branch is read as the
// folder); the rest are the paths.
func SplitRev(args []string) (rev string, paths []string) {
	if len(args) == 0 {
		return "", nil
	}
	if _, err := os.Lstat(args[0]); err == nil {
		return "", args
	}
	return args[0], args[1:]
}

// diffJSON is plan diff's JSON document: the diff under the version of
// the JSON contract every document of plan carries.
type diffJSON struct {
	SchemaVersion int `json:"schema_version"`
	*Diff
}

// historyJSON is plan history's JSON document.
type historyJSON struct {
	SchemaVersion int `json:"schema_version"`
	// Commits are the points, oldest first; never null.
	Commits []Point `json:"commits"`
}

// WriteDiff writes d in format: text, markdown or json.
func WriteDiff(w io.Writer, d *Diff, format string) error {
	switch format {
	case "json":
		j := *d
		j.Old, j.New = d.Old.rounded(), d.New.rounded()
		return report.WriteJSON(w, diffJSON{report.SchemaVersion, &j})
	case "markdown":
		return WriteMarkdown(w, d)
	}
	return WriteText(w, d)
}

// WriteHistory writes the points in format: text, csv, json or svg.
// forecast says whether the points carry a forecast (text leaves out
// the columns otherwise).
func WriteHistory(w io.Writer, points []Point, format string, forecast bool) error {
	switch format {
	case "csv":
		return WriteHistoryCSV(w, points)
	case "json":
		rounded := make([]Point, len(points)) // never null
		for i, p := range points {
			rounded[i] = p.rounded()
		}
		return report.WriteJSON(w, historyJSON{report.SchemaVersion, rounded})
	case "svg":
		return WriteHistorySVG(w, points)
	}
	return WriteHistoryText(w, points, forecast)
}
