package report

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser/hiddentext"
)

// This file holds every escaper the formats use: what packet text becomes
// on a terminal, in a markdown table cell, in a CSV cell, in a GitHub
// Actions workflow command, in a Mermaid gantt task name and in the packet
// plan new writes (markdownText). DOT and the
// Mermaid flowchart are quoted in package graph.

// clean, textWidth and truncate are termtext's, under the
// names the formats here use.
func clean(s string) string           { return termtext.Clean(s) }
func textWidth(s string) int          { return termtext.TextWidth(s) }
func truncate(s string, n int) string { return termtext.Truncate(s, n) }

// cleanPath prints a file name: cleaned, and never read as another
// FILE:LINE location (termtext.Path).
func cleanPath(name string) string { return termtext.Path(name) }

// mdCell makes packet text safe inside a GitHub-flavoured markdown table
// cell: line breaks and the other characters hiddentext hides (controls,
// zero-width and format characters, invalid bytes) become spaces (a line
// break would end the row), | and the characters markdown reads as
// emphasis, code, links, strikethrough or math (\ ` * _ [ ] ~ $) are
// backslash-escaped, and < > & are written as HTML entities so no tag or
// entity in a title reaches the page.
func mdCell(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case hiddentext.Hidden(r, size):
			b.WriteByte(' ')
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\`*_[]~$|", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}

// csvCell is termtext.CSVCell: packet text cleaned as for the terminal,
// and never read as a formula. Numbers are written by the caller and never
// pass through here.
func csvCell(s string) string { return termtext.CSVCell(s) }

// ghEscapeData escapes the message of a workflow command.
func ghEscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghEscapeProperty escapes a property value of a workflow command.
func ghEscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// cleanLines is clean for text that may keep its line breaks: the
// annotation escaping turns CR and LF into %0D and %0A, and every other
// control character is shown escaped as clean does.
func cleanLines(s string) string {
	var b strings.Builder
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\r' || s[i] == '\n' {
			b.WriteString(clean(s[start:i]))
			b.WriteByte(s[i])
			start = i + 1
		}
	}
	b.WriteString(clean(s[start:]))
	return b.String()
}

// maxMermaidName bounds a task name (in runes) so a long title does not
// swamp the chart.
const maxMermaidName = 60

// mermaidKeywords are the words that begin a statement in a Mermaid gantt
// chart (see the lexer in mermaid's gantt.jison). A task name that starts
// with one of them, in any case, is prefixed so it can never be read as
// that statement.
var mermaidKeywords = []string{
	"accdescr", "acctitle", "axisformat", "call", "click", "dateformat",
	"excludes", "gantt", "href", "includes", "inclusiveenddates", "section",
	"tickinterval", "title", "todaymarker", "topaxis", "weekday", "weekend",
}

// mermaidDate matches a name that would start with a date token, which the
// gantt lexer reads before it reads a task name.
var mermaidDate = regexp.MustCompile(`^\d{4}-\d\d-\d\d\b`)

// mermaidText reduces packet text to a safe Mermaid gantt task name.
// Mermaid has no quoting for task names: ":" ends the name, "#" and ";"
// end the task data or start an entity, "%%" starts a comment or a
// directive, and a line starting with a keyword such as click is that
// statement. So only letters, combining marks, digits, spaces and
// - _ . , / + ! ? are kept; anything else (quotes, brackets, <>, &, =,
// control characters, newlines, ...) becomes a space, runs of spaces
// collapse, the result is cut to [maxMermaidName] runes, and a name that
// is empty or would start with a keyword or a date gets a "packet " prefix.
func mermaidText(s string) string {
	var b strings.Builder
	space := true // drop leading spaces
	for _, r := range s {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
			strings.ContainsRune("-_.,/+!?", r)
		if !keep || r == '\uFFFD' {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		b.WriteRune(r)
		space = false
	}
	name := strings.TrimSpace(b.String())
	if r := []rune(name); len(r) > maxMermaidName {
		name = strings.TrimSpace(string(r[:maxMermaidName]))
	}
	if name == "" {
		return "packet"
	}
	if mermaidDate.MatchString(name) {
		return "packet " + name
	}
	lower := strings.ToLower(name)
	for _, k := range mermaidKeywords {
		if strings.HasPrefix(lower, k) {
			return "packet " + name
		}
	}
	return name
}

// markdownText makes text safe in a packet plan new writes, in a heading
// or a table cell, so that it reads back as the same text: the ASCII
// punctuation markdown could read as markup is backslash-escaped, and "&"
// where it could start an entity, and the pipe that would end a cell.
// Unlike mdCell, nothing becomes an HTML entity: the packet is read by
// plan and by people in an editor, not only rendered.
func markdownText(s string) string {
	var b strings.Builder
	for i, r := range s {
		if strings.ContainsRune("\\`*_[]<>|~#", r) || r == '&' && entityStart.MatchString(s[i:]) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// entityStart matches an HTML entity or character reference ("&amp;").
var entityStart = regexp.MustCompile(`^&#?[A-Za-z0-9]+;`)
