package parser

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzParse feeds arbitrary bytes to Parse: it must not panic, every
// problem must name the file and a line of the document, and the same bytes
// must give the same result twice. Seeded from every markdown file under
// testdata/.
func FuzzParse(f *testing.F) {
	_ = filepath.WalkDir("../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && isMarkdown(path) {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
		return nil
	})
	f.Add([]byte("# A-1: x\n**Status**: ðŸ—ï¸ 50% Complete\n## Dependencies\n| a | b |\n|-|-|\n| A-1 \\| x | âŒ |\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, probs := Parse("fuzz.md", src)
		lines := 1 + bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r"))
		for _, pr := range probs {
			if pr.File != "fuzz.md" || pr.Line < 1 || pr.Line > lines {
				t.Fatalf("problem outside the document (%d lines): %s", lines, pr)
			}
		}
		if p != nil {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("packet line %d outside the document (%d lines)", p.Line, lines)
			}
			for _, r := range append(append([]Ref{}, p.Requires...), p.Optional...) {
				if r.Line < 1 || r.Line > lines || !IsID(strings.ToUpper(r.ID)) { // front matter's IDs may be lower case
					t.Fatalf("bad reference %+v", r)
				}
			}
			for _, e := range p.Externals {
				if e.Line < 1 || e.Line > lines {
					t.Fatalf("bad external %+v", e)
				}
			}
		}
		p2, probs2 := Parse("fuzz.md", src)
		if dump(p, probs) != dump(p2, probs2) {
			t.Fatalf("two parses differ:\n%s\n%s", dump(p, probs), dump(p2, probs2))
		}
	})
}

// TestHostileDocuments parses generated inputs that are large or odd: each
// must finish, without a panic, and give a sensible answer.
func TestHostileDocuments(t *testing.T) {
	head := "# HOS-001: Hostile\n\n**Priority**: P1\n**Status**: ✅ Done\n**Estimated Effort**: 1d\n\n## Dependencies\n\n"
	tests := []struct {
		name string
		src  string
		rows int // expected number of refs+externals
	}{
		{"empty", "", -1},
		{"only a heading", "# HOS-001: Only", 0},
		{"invalid UTF-8", "# HOS-001: \xff\xfe bad\n\n| Dependency | Status |\n", 0},
		{"binary", string(bytes.Repeat([]byte{0, 1, 2, 0xC3, 0x28, 0xF0}, 1000)), -1},
		{"long line", head + strings.Repeat("x", 1<<20), 0},
		{"wide table", head + "|" + strings.Repeat(" c |", 5000) + "\n|" + strings.Repeat("---|", 5000) + "\n|" + strings.Repeat(" HOS-002 |", 5000) + "\n", 1},
		{"many rows", head + "| Dependency | Status |\n|---|---|\n" + strings.Repeat("| Service | ✅ |\n", 20000), 20000},
		{"row naming many IDs", head + "| Dependency | Status |\n|---|---|\n| " + manyIDs(1000) + " | ✅ |\n", 1000},
		{"long ID", "# " + strings.Repeat("A", 5000) + "-1: Long\n", 0},
		{"nested quotes", "# HOS-001: Q\n\n" + strings.Repeat(">", 2000) + " text\n", 0},
		{"lone CRs", "# HOS-001: CR\r\r**Status**: ✅ Done\r", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, probs := Parse("h.md", []byte(tt.src))
			for _, pr := range probs {
				assert.Equal(t, "h.md", pr.File)
				assert.GreaterOrEqual(t, pr.Line, 1)
			}
			if tt.rows < 0 {
				assert.Nil(t, p)
				return
			}
			require.NotNil(t, p)
			assert.Equal(t, tt.rows, len(p.Requires)+len(p.Optional)+len(p.Externals))
		})
	}
}

func manyIDs(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("HOS-")
		b.WriteString(strings.Repeat("1", 1+i/10))
		b.WriteByte(byte('0' + i%10))
	}
	return b.String()
}
