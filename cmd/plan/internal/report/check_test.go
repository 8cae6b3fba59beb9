package report

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/workpackets/plan/parser"
)

// TestDuplicateIDHint: the hint for two files with one ID names every
// place an ID may be written (a title of any level and separator, or front
// matter), not only a '# ID: Title' heading, and the way to leave a copy
// out.
func TestDuplicateIDHint(t *testing.T) {
	r := CheckResult{Problems: []parser.Problem{{Severity: parser.Error, Code: parser.CodeDuplicateID, File: "b.md", Line: 1}}}
	hint := r.Hint(false)
	assert.Contains(t, hint, "id: in front matter")
	assert.Contains(t, hint, "ignore: in plan.yaml")
	assert.NotContains(t, hint, "'# ID: Title'")
}
