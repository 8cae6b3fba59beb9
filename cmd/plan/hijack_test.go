package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/workpackets/plan/cmd/plan/internal/report"
)

// evil is text that would take over a terminal if printed raw: colour and
// screen-clearing escapes, an OSC 8 hyperlink, a C1 CSI, a bell, NUL,
// carriage returns and bidi overrides that reorder what is shown.
const evil = "A\x1b[31mred\x1b[0m\x1b[2J \x1b]8;;http://evil.example/\x07link\x1b]8;;\x07 \u009b31m \x07\x00 over\rwrite \u202eesrever\u202c \u2066iso\u2069"

// writeHostileFolder writes packets whose titles, external names and file
// names carry evil text, spreadsheet formulas, DOT and CSV syntax and
// invalid UTF-8.
func writeHostileFolder(t *testing.T, dir string) {
	t.Helper()
	hdr := "\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 2-3 days\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n"
	writeFile(t, dir+"/EVIL-001 \x1b[2J.md", "# EVIL-001: "+evil+hdr+"| "+strings.ReplaceAll(evil, "\x00", "")+" | ❌ Missing |\n| =HYPERLINK(\"http://evil.example\") | ❌ Missing |\n")
	writeFile(t, dir+"/EVIL-002.md", "# EVIL-002: =cmd|' /C calc'!A0"+hdr+"| EVIL-001 | 🚧 |\n| @SUM(1+1)*cmd | ❌ Blocked |\n")
	writeFile(t, dir+"/EVIL-003.md", "# EVIL-003: +1+2 \"quoted\" \\ back } { <b>html</b> -> [x]"+hdr+"| EVIL-002 | 🚧 |\n")
	writeFile(t, dir+"/EVIL-004.md", "# EVIL-004: \x1b[31mred \xff\xfe invalid \xc3\x28 bytes "+evil+hdr+"| EVIL-003 | 🚧 |\n| -cmd | ❌ Missing |\n")
	writeFile(t, dir+"/EVIL-005.md", "# EVIL-005: \tTab, \"comma\", newline-free\n\n**Priority**: P2\n**Status**: ✅ Done\n**Estimated Effort**: 1d\n")
}

// rawControl reports the first control or bidi character in s that a
// terminal would act on, or "".
func rawControl(s string) string {
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return string(r)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return string(r)
		}
	}
	return ""
}

// TestOutputCannotBeHijacked feeds each output format the characters that
// are dangerous in it: text never carries a raw control or bidi character,
// DOT still renders with Graphviz (when dot is installed), no CSV cell can
// be read as a formula, and JSON is valid whatever the input bytes.
// (Mermaid and GitHub annotations are tested with their formats.)
func TestOutputCannotBeHijacked(t *testing.T) {
	t.Chdir(t.TempDir())
	writeHostileFolder(t, "evil")

	t.Run("text", func(t *testing.T) {
		for _, args := range [][]string{
			{}, {"check"}, {"check", "--strict"}, {"order", "--all"}, {"ready"}, {"blocked"},
			{"blocked", "--by", "EVIL-001"}, {"critical"}, {"estimate", "--iterations", "50"},
			{"schedule", "--team", "2"}, {"-v"},
		} {
			_, out, errs := planIn(t, append(args, "evil")...)
			require.NotEmpty(t, out+errs, "plan %q", args)
			assert.Empty(t, rawControl(out), "plan %q: stdout %q", args, out)
			assert.Empty(t, rawControl(errs), "plan %q: stderr %q", args, errs)
		}
		_, out, _ := planIn(t, "blocked", "--by", "EVIL-001", "evil")
		assert.Contains(t, out, `\x1b[31mred \xff\xfe invalid \xc3(`, "escapes and invalid bytes are shown, not acted on")
		_, out, _ = planIn(t, "evil")
		assert.Contains(t, out, `\u202eesrever\u202c`)
	})

	t.Run("dot", func(t *testing.T) {
		code, out, errs := planIn(t, "--dot", "evil")
		require.Equal(t, 0, code, errs)
		assert.Empty(t, rawControl(out))
		dot, err := exec.LookPath("dot")
		if err != nil {
			t.Skip("Graphviz dot is not installed")
		}
		cmd := exec.Command(dot, "-Tsvg")
		cmd.Stdin = strings.NewReader(out)
		var svg, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &svg, &stderr
		require.NoError(t, cmd.Run(), "dot: %s", stderr.String())
		// Five packets, four blocking externals (their names are hostile
		// too: the evil text, =HYPERLINK(...), @SUM(1+1)*cmd, -cmd) and
		// the legend's samples.
		legend := len(regexp.MustCompile(`<title>legend: \d+</title>`).FindAllString(svg.String(), -1))
		require.NotZero(t, legend)
		assert.Equal(t, 5+4+legend, strings.Count(svg.String(), `class="node"`), "one node per packet and external, no injected ones")
		assert.Equal(t, 4+1, strings.Count(out, `shape="octagon"`), "each external drawn once, and once in the legend")
	})

	t.Run("csv", func(t *testing.T) {
		for _, args := range [][]string{
			{"schedule", "--team", "2", "--format", "csv"}, {"order", "--format", "csv"},
			{"blocked", "--format", "csv"}, {"critical", "--format", "csv"},
		} {
			code, out, errs := planIn(t, append(args, "evil")...)
			require.Equal(t, 0, code, "plan %q: %s", args, errs)
			records, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			require.NoError(t, err, "plan %q", args)
			require.Greater(t, len(records), 1)
			for _, rec := range records {
				for _, cell := range rec {
					if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
						t.Errorf("plan %q: cell %q can be read as a formula", args, cell)
					}
				}
			}
		}
	})

	t.Run("json", func(t *testing.T) {
		for _, args := range [][]string{
			{"--json"}, {"check", "--json"}, {"order", "--json"}, {"ready", "--json"}, {"blocked", "--json"},
			{"blocked", "--by", "EVIL-001", "--json"}, {"critical", "--json"},
			{"estimate", "--iterations", "50", "--json"}, {"schedule", "--team", "2", "--json"},
		} {
			_, out, _ := planIn(t, append(args, "evil")...)
			require.True(t, json.Valid([]byte(out)), "plan %q: %s", args, out)
		}
		_, out, _ := planIn(t, "--json", "evil")
		var doc report.ReportJSON
		require.NoError(t, json.Unmarshal([]byte(out), &doc))
		titles := map[string]string{}
		for _, p := range doc.Packets {
			titles[p.ID] = p.Title
			assert.True(t, utf8.ValidString(p.Title))
		}
		assert.Equal(t, evil[:strings.Index(evil, "\r")], titles["EVIL-001"], "control characters survive JSON exactly (a CR ends a line)")
		assert.Contains(t, titles["EVIL-004"], "invalid")
		// Invalid bytes come out as \ufffd: the document reads back, and
		// a second round reads back the same.
		var again bytes.Buffer
		require.NoError(t, report.WriteJSON(&again, doc))
		var doc2 report.ReportJSON
		require.NoError(t, json.Unmarshal(again.Bytes(), &doc2))
		assert.Equal(t, doc, doc2)
		assert.Contains(t, out, `invalid \ufffd( bytes`)
	})
}
