package report

import (
	"fmt"
)

// packetRule says in one line what makes a markdown file a packet, as
// parser/doc.go ("What a packet is") specifies it.
const packetRule = "a packet is a markdown file titled like '# WP-001: Title' or '## WP-001 — Title' (its first level-1 heading, else its first level-2 one, or id: in front matter)"

// NoPackets is the error for a path that exists and holds no packet:
// name as the user wrote it, files the markdown files read under it.
func NoPackets(name string, files int) string {
	return fmt.Sprintf("no work packets in %s (%s read)", name, Plural(files, "markdown file"))
}

// NoPacketsHint says what a packet is after NoPackets, and where to look
// next: why the markdown files read were skipped, or the path itself
// when none was.
func NoPacketsHint(files int) string {
	if files > 0 {
		return packetRule + "; -v says why each file was skipped"
	}
	return "check the path; " + packetRule + "; 'plan help format' says more"
}
