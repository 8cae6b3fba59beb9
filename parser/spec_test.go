package parser

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestSpecIsDocGo checks that `plan help format` prints doc.go's package
// comment: every heading and every code example of it, without the
// comment markers.
func TestSpecIsDocGo(t *testing.T) {
	spec := Spec()
	for line := range strings.Lines(docSource) {
		rest, ok := strings.CutPrefix(line, "// ")
		if !ok {
			continue
		}
		if h, ok := strings.CutPrefix(rest, "# "); ok {
			assert.Contains(t, spec, "\n# "+h, "heading %q", strings.TrimSpace(h))
		}
	}
	assert.Contains(t, spec, "\t# P1-ACCESS-001: Content Access & Playback\n", "code examples stay indented")
	for line := range strings.Lines(spec) {
		assert.False(t, strings.HasPrefix(line, "//"), "a comment marker is left: %q", line)
		if !strings.HasPrefix(line, "\t") { // code examples are as doc.go has them
			assert.LessOrEqual(t, len([]rune(strings.TrimRight(line, "\n"))), 80, "prose is wrapped for a terminal: %q", line)
		}
	}
	assert.True(t, strings.HasPrefix(spec, "Package parser reads work-packet markdown files"))
}
