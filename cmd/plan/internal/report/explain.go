package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/workpackets/plan/graph"
	"github.com/workpackets/plan/parser"
)

// Explain is what `plan explain` prints about one file: whether it
// is a packet and why, each header field with its line, its text and what
// plan read from it, and each dependency with its line, how it was found
// and resolved, and whether it blocks.
type Explain struct {
	SchemaVersion int    `json:"schema_version"`
	File          string `json:"file"`
	Packet        bool   `json:"packet"`
	// Why says why the file is not read as a packet; "" for a packet.
	Why          string            `json:"why,omitempty"`
	ID           string            `json:"id,omitempty"`
	Title        string            `json:"title,omitempty"`
	Line         int               `json:"line,omitempty"`
	Fields       []explainField    `json:"fields"`
	Dependencies []explainDep      `json:"dependencies"`
	Externals    []explainExternal `json:"externals"`
	Problems     []problemJSONFlat `json:"problems"`
	Blocked      *explainBlockedBy `json:"blocked"`
}

// explainField is one header field line.
type explainField struct {
	Line int    `json:"line"`
	Text string `json:"text"`
	// Means is what plan reads the field as (priority, status, ...).
	Means string `json:"means"`
	// Read is what plan made of it ("P1", "in_progress", "2-3 days"), or
	// why it was not used.
	Read string `json:"read"`
}

// explainDep is one packet reference.
type explainDep struct {
	ID string `json:"id"`
	// Kind is "required", "optional" or "blocks" (this packet's Blocks
	// line: the other packet requires this one).
	Kind string `json:"kind"`
	// File and Line are where the reference is written: this file, or
	// the other packet's for a reverse Blocks line.
	File string `json:"file"`
	Line int    `json:"line"`
	// Source is the reference's text as written.
	Source string `json:"source"`
	// Via is how it was found: table, link, range, header line, bullet,
	// reverse blocks, description.
	Via string `json:"via"`
	// Resolved says what it names: the packet's file and status, or that
	// no file has the ID.
	Resolved string `json:"resolved"`
	Blocks   bool   `json:"blocks"`
}

// explainExternal is a dependency row that names no packet.
type explainExternal struct {
	Name   string `json:"name"`
	Line   int    `json:"line"`
	Status string `json:"status"`
	Class  string `json:"class"`
	Blocks bool   `json:"blocks"`
}

// explainBlockedBy is the graph's verdict on the packet.
type explainBlockedBy struct {
	By []string `json:"by"`
	// Missing are required IDs that no file has.
	Missing  []string `json:"missing"`
	External []string `json:"external"`
}

// problemJSONFlat is a problem of the file: its line and what it says.
type problemJSONFlat struct {
	Line int `json:"line"`
	ProblemText
}

// BuildExplain puts together what the parser read from one file
// (ex, read alone) and what the whole folder made of it (p, the packet the
// set kept for the file, nil when none; a for the graph).
func BuildExplain(file string, ex *parser.Explanation, p *parser.Packet, a *Analysis) Explain {
	r := Explain{SchemaVersion: SchemaVersion, File: file, Fields: []explainField{}, Dependencies: []explainDep{}, Externals: []explainExternal{}, Problems: []problemJSONFlat{}}
	for _, pr := range ProblemRecords(a.Problems) {
		if pr.File == file {
			r.Problems = append(r.Problems, problemJSONFlat{Line: pr.Line, ProblemText: pr.ProblemText})
		}
	}
	if p == nil {
		r.Why = ex.Why
		if why := a.Set.SkipReasons[file]; why != "" {
			r.Why = why // what Load says, as -v says it
		}
		if ex.Packet != nil {
			r.Why = fmt.Sprintf("packet %s is read from another file (duplicate-id)", ex.Packet.ID)
			if kept := a.Graph.Packet(ex.Packet.ID); kept != nil {
				r.Why = fmt.Sprintf("packet %s is read from %s, which wins (duplicate-id)", ex.Packet.ID, kept.File)
			}
		}
		return r
	}
	r.Packet, r.ID, r.Title, r.Line = true, p.ID, p.Title, p.Line
	seen := map[string]bool{}
	for _, f := range ex.Fields {
		read := "see the dependencies below"
		if f.Means != "dependencies" {
			if seen[f.Means] {
				read = "not read: only the first " + f.Means + " line counts"
			} else {
				read = fieldValue(f.Means, p)
			}
			seen[f.Means] = true
		}
		r.Fields = append(r.Fields, explainField{Line: f.Line, Text: f.Text, Means: f.Means, Read: read})
	}
	for _, m := range []string{"priority", "status", "effort"} {
		if !seen[m] {
			r.Fields = append(r.Fields, explainField{Means: m, Read: "no " + m + " line: " + fieldValue(m, p)})
		}
	}
	var blocked *graph.Blocked
	for i := range a.Blocked {
		if a.Blocked[i].ID == p.ID {
			blocked = &a.Blocked[i]
		}
	}
	if blocked != nil {
		r.Blocked = &explainBlockedBy{By: append([]string{}, blocked.BlockedBy...), Missing: append([]string{}, blocked.Missing...), External: append([]string{}, blocked.External...)}
	}
	blocks := func(id string) bool {
		if blocked == nil {
			return false
		}
		for _, b := range blocked.BlockedBy {
			if b == id {
				return true
			}
		}
		return false
	}
	add := func(kind string, ref parser.Ref, required bool) {
		d := explainDep{ID: ref.ID, Kind: kind, File: p.File, Line: ref.Line, Source: ref.Source, Via: ref.Via.String()}
		target := a.Graph.Packet(ref.ID)
		if kind == "required" && ref.Via == parser.ViaBlocks && target != nil {
			// Load added the edge for target's Blocks line: show that line.
			d.File, d.Line = target.File, target.BlocksLine(p.ID)
		}
		if target != nil {
			d.Resolved = fmt.Sprintf("packet %s (%s), %s", target.ID, target.File, target.Status)
		} else {
			d.Resolved = "no file has this ID (dangling-ref)"
		}
		if kind == "blocks" {
			d.Resolved += "; it requires " + p.ID
		}
		d.Blocks = required && blocks(ref.ID)
		r.Dependencies = append(r.Dependencies, d)
	}
	for _, ref := range p.Requires {
		add("required", ref, true)
	}
	for _, ref := range p.Optional {
		add("optional", ref, false)
	}
	for _, ref := range p.Blocks {
		add("blocks", ref, false)
	}
	// A required ID that no file has makes no edge, but the packet waits
	// until that packet exists.
	for _, ref := range p.Missing {
		d := explainDep{ID: ref.ID, Kind: "required", File: p.File, Line: ref.Line, Source: ref.Source, Via: ref.Via.String(),
			Resolved: "no file has this ID (dangling-ref): waits until it exists"}
		d.Blocks = blocked != nil && slices.Contains(blocked.Missing, ref.ID)
		r.Dependencies = append(r.Dependencies, d)
	}
	for _, e := range p.Externals {
		r.Externals = append(r.Externals, explainExternal{Name: e.Name, Line: e.Line, Status: e.StatusText, Class: e.Class.String(), Blocks: e.Blocking()})
	}
	return r
}

// fieldValue is what the packet holds for a field.
func fieldValue(means string, p *parser.Packet) string {
	switch means {
	case "priority":
		if p.Priority == parser.NoPriority {
			return "no priority"
		}
		return p.Priority.String()
	case "status":
		if p.Progress != nil {
			return fmt.Sprintf("%s, %d%%", p.Status, *p.Progress)
		}
		return p.Status.String()
	case "effort":
		if p.Effort == nil {
			return "no estimate"
		}
		return exactEffort(*p.Effort)
	case "id":
		return p.ID
	case "title":
		return p.Title
	case "actual":
		if p.Actual == nil {
			return "no actual effort"
		}
		return formatNumber(*p.Actual) + " days"
	}
	return ""
}

// exactEffort writes an estimate with every digit: explain shows what was read.
func exactEffort(e parser.Effort) string {
	s := formatNumber(e.Low) + " days"
	if e.High != e.Low {
		s = formatNumber(e.Low) + "-" + formatNumber(e.High) + " days"
	}
	if e.HasLikely {
		s += fmt.Sprintf(" (likely %s)", formatNumber(e.Likely))
	}
	return s
}

// WriteExplainText prints the report for a person.
func WriteExplainText(w io.Writer, r Explain) error {
	if !r.Packet {
		fmt.Fprintf(w, "%s: not a packet: %s\n", cleanPath(r.File), clean(r.Why))
	} else {
		fmt.Fprintf(w, "%s: packet %s %q (line %d)\n", cleanPath(r.File), clean(r.ID), clean(r.Title), r.Line)
	}
	if len(r.Fields) > 0 {
		fmt.Fprintln(w, "\nFields")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, f := range r.Fields {
			line := "-"
			if f.Line > 0 {
				line = fmt.Sprintf("line %d", f.Line)
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s: %s\n", line, clean(f.Text), f.Means, clean(f.Read))
		}
		tw.Flush()
	}
	if r.Packet {
		fmt.Fprintln(w, "\nDependencies")
		if len(r.Dependencies) == 0 && len(r.Externals) == 0 {
			fmt.Fprintln(w, "  none")
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, d := range r.Dependencies {
			where := fmt.Sprintf("line %d", d.Line)
			if d.File != r.File {
				where = fmt.Sprintf("%s:%d", cleanPath(d.File), d.Line)
			}
			verdict := "does not block"
			if d.Blocks {
				verdict = "blocks"
			}
			how := d.Via
			if d.Source != "" {
				how += fmt.Sprintf(" %q", clean(d.Source))
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", where, clean(d.ID), d.Kind, how, clean(d.Resolved), verdict)
		}
		for _, e := range r.Externals {
			verdict := "does not block"
			if e.Blocks {
				verdict = "blocks"
			}
			fmt.Fprintf(tw, "  line %d\t%s\texternal\tstatus %q\t%s\t%s\n", e.Line, clean(e.Name), clean(e.Status), e.Class, verdict)
		}
		tw.Flush()
		switch {
		case r.Blocked == nil:
			fmt.Fprintln(w, "\nNot blocked.")
		default:
			var why []string
			why = append(why, CleanAll(r.Blocked.By)...)
			for _, m := range r.Blocked.Missing {
				why = append(why, clean(m)+" (which has no file)")
			}
			why = append(why, CleanAll(r.Blocked.External)...)
			fmt.Fprintf(w, "\nBlocked by %s.\n", strings.Join(why, ", "))
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintln(w, "\nProblems")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  line %d: %s: %s: %s\n", p.Line, p.Severity, p.Code, clean(p.Message))
		}
	}
	return nil
}
