package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/workpackets/plan/parser"
)

// GitHub Actions workflow commands
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
// "::error file=F,line=L,title=T::MESSAGE". The runner reads one command
// per line, so the message and the property values are escaped the way
// the runner unescapes them (toolkit's command.ts): in the message % CR LF
// become %25 %0D %0A; in a property value : and , also become %3A and %2C.
// Nothing in a problem can then end the line, end a property or start a
// new command.

// ghAnnotation formats one problem as a workflow command. The file name
// is escaped exactly as @actions/core's escapeProperty does and nothing
// more: the runner opens the file it names, so a TAB or ESC in it must
// arrive as itself, not shown as \t.
func ghAnnotation(p parser.Problem) string {
	line := p.Line
	if line < 1 {
		line = 1
	}
	return fmt.Sprintf("::%s file=%s,line=%d,title=%s::%s", p.Severity,
		ghEscapeProperty(p.File), line, ghEscapeProperty("plan "+p.Code), ghEscapeData(cleanLines(p.Message)))
}

// WriteAnnotations prints one workflow command per problem, then one
// warning (without a file) per stale baseline entry.
func WriteAnnotations(w io.Writer, problems []parser.Problem, stale []BaselineEntry, baselineName string) error {
	bw := bufio.NewWriter(w)
	for _, p := range problems {
		fmt.Fprintln(bw, ghAnnotation(p))
	}
	for _, s := range stale {
		fmt.Fprintf(bw, "::warning title=%s::%s\n", ghEscapeProperty("plan stale baseline entry"),
			ghEscapeData(cleanLines(fmt.Sprintf("%s: %s no longer occurs; remove it from the baseline", baselineName, s))))
	}
	return bw.Flush()
}
