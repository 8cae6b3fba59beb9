package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/workpackets/plan/cmd/plan/internal/report"
)

// planIn runs plan with args in the current directory and fails the test
// if it does not finish within 30 seconds (a blocked read, a hang).
func planIn(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errs bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, strings.NewReader(""), &out, &errs) }()
	select {
	case code = <-done:
	case <-time.After(30 * time.Second):
		t.Fatalf("plan %q did not finish in 30s", args)
	}
	return code, out.String(), errs.String()
}

// packetSource is a small packet requiring the given IDs.
func packetSource(id, title string, requires ...string) string {
	s := fmt.Sprintf("# %s: %s\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 2-3 days\n\n## Dependencies\n\n| Dependency | Status |\n|---|---|\n", id, title)
	for _, r := range requires {
		s += "| " + r + " | 🚧 |\n"
	}
	return s
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
	require.NoError(t, os.WriteFile(name, []byte(content), 0o644))
}

// TestHostilePaths: file names with spaces, a newline, non-ASCII and a
// leading dash are read, named exactly in JSON and escaped in text.
func TestHostilePaths(t *testing.T) {
	t.Chdir(t.TempDir())
	names := map[string]string{
		"SPACE-001": "docs/with space.md",
		"NL-001":    "docs/new\nline.md",
		"UNI-001":   "docs/ünïcødé 名前.md",
		"DASH-001":  "-weird.md",
	}
	for id, name := range names {
		writeFile(t, name, "# "+id+": T\n") // no header: warnings at line 1
	}

	code, out, errs := planIn(t, "--json", "--", "-weird.md", "docs")
	require.Equal(t, 0, code, errs)
	var doc report.ReportJSON
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	got := map[string]string{}
	for _, p := range doc.Packets {
		got[p.ID] = p.File
	}
	assert.Equal(t, names, got, "every file read, its name exact in JSON")

	code, out, errs = planIn(t, "--", "-weird.md", "docs")
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "4 packets")

	code, out, _ = planIn(t, "check", "--strict", "docs")
	require.Equal(t, 1, code)
	assert.NotContains(t, out, "new\nline", "a newline in a file name never splits a problem line")
	assert.Contains(t, out, `docs/new\nline.md:1: warning: `)
	assert.Contains(t, out, "docs/with space.md:1: warning: ")
	assert.Contains(t, out, "docs/ünïcødé 名前.md:1: warning: ")

	code, _, errs = planIn(t, "-weird.md")
	assert.Equal(t, 2, code, "without --, a leading dash is a flag")
	assert.Contains(t, errs, "plan: error: ")
}

// TestMalformedHeaderFields: each malformed field is a parse warning at its
// line through the CLI, and the value is not used (no estimate in JSON).
func TestMalformedHeaderFields(t *testing.T) {
	t.Chdir(t.TempDir())
	values := []string{"5-3 days", "-2 days", "1e309 days", "NaN days", "3-4 parsecs", "Inf days", "0x10 days", "3,5 days"}
	for i, v := range values {
		src := fmt.Sprintf("# BAD-%03d: Bad effort\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: %s\n", i, v)
		writeFile(t, fmt.Sprintf("bad/BAD-%03d.md", i), src)
	}
	writeFile(t, "bad/PRI-001.md", "# PRI-001: Bad priority\n\n**Priority**: P9\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n")
	writeFile(t, "bad/STA-001.md", "# STA-001: Bad status\n\n**Priority**: P1\n**Status**: Sideways\n**Estimated Effort**: 1d\n")

	code, out, _ := planIn(t, "check", "bad")
	assert.Equal(t, 0, code, "parse problems are warnings")
	for i, v := range values {
		assert.Contains(t, out, fmt.Sprintf("bad/BAD-%03d.md:5: warning: parse: ", i), v)
	}
	assert.Contains(t, out, "bad/PRI-001.md:3: warning: parse: ")
	assert.Contains(t, out, "bad/STA-001.md:4: warning: parse: ")
	code, _, _ = planIn(t, "check", "--strict", "bad")
	assert.Equal(t, 1, code)

	code, out, _ = planIn(t, "--json", "bad")
	require.Equal(t, 0, code)
	var doc report.ReportJSON
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	for _, p := range doc.Packets {
		if strings.HasPrefix(p.ID, "BAD-") {
			assert.Nil(t, p.Effort, "%s: a malformed estimate is never used", p.ID)
			assert.Zero(t, p.Remaining.High, p.ID)
		}
	}
}

// TestOddIDs: IDs are capital letters and digits, so a lower-case "ID" is
// not one (its file is skipped as not a packet, a row naming it is an
// external); an ID of 5,000 characters and a row naming 1,000 IDs plan
// normally.
func TestOddIDs(t *testing.T) {
	t.Chdir(t.TempDir())
	long := strings.Repeat("L", 5000) + "-1"
	var many []string
	for i := range 1000 {
		id := fmt.Sprintf("MANY-%04d", i)
		many = append(many, id)
		writeFile(t, "ids/"+id+".md", packetSource(id, "M"))
	}
	writeFile(t, "ids/CASE-001.md", packetSource("CASE-001", "Upper", "case-002"))
	writeFile(t, "ids/case-002.md", packetSource("case-002", "Lower"))
	writeFile(t, "ids/CASE-002.md", packetSource("CASE-002", "Upper two", long))
	writeFile(t, "ids/long.md", packetSource(long, "Long"))
	writeFile(t, "ids/WIDE-001.md", packetSource("WIDE-001", "Wide", strings.Join(many, ", ")))

	code, out, errs := planIn(t, "--json", "ids")
	require.Equal(t, 0, code, errs)
	var doc report.ReportJSON
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	byID := map[string]report.PacketJSON{}
	for _, p := range doc.Packets {
		byID[p.ID] = p
	}
	assert.Len(t, doc.Packets, 1000+4)
	assert.NotContains(t, byID, "case-002")
	assert.Contains(t, doc.Files.Skipped, "ids/case-002.md")
	require.Len(t, byID["CASE-001"].Externals, 1)
	assert.Equal(t, "case-002", byID["CASE-001"].Externals[0].Name)
	assert.Equal(t, []string{long}, byID["CASE-002"].Requires)
	assert.Len(t, byID["WIDE-001"].Requires, 1000)

	code, out, _ = planIn(t, "order", "ids")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Len(t, lines, 1004)
	pos := map[string]int{}
	for i, l := range lines {
		pos[l] = i
	}
	assert.Less(t, pos[long], pos["CASE-002"])
	assert.Less(t, pos["MANY-0999"], pos["WIDE-001"])
}

// TestHostileDocuments: odd and oversized documents through the CLI. Each
// is skipped as not a packet, or read up to a documented limit with a
// parse warning naming the file and line (never an error: exit 0); nothing
// takes long.
func TestHostileDocuments(t *testing.T) {
	t.Chdir(t.TempDir())
	head := func(id string) string {
		return "# " + id + ": Hostile\n\n**Priority**: P1\n**Status**: 🚧 Not Started\n**Estimated Effort**: 1d\n\n## Dependencies\n\n"
	}
	var rows strings.Builder
	rows.WriteString("| Dependency | Status |\n|---|---|\n")
	for i := range 200_000 {
		fmt.Fprintf(&rows, "| Service %d | ✅ |\n", i)
	}
	files := map[string]string{
		"docs/empty.md":        "",
		"docs/binary.md":       strings.Repeat("\x00\x01\x02\xc3\x28\xf0\xff", 1000),
		"docs/invalid-utf8.md": "# BAD-001: \xff\xfe title\n\n**Status**: \xc3\x28\n",
		"docs/only-heading.md": "# HEAD-001: Only a heading",
		"docs/big.md":          head("BIG-001") + strings.Repeat("x", 6500000) + "\n",
		"docs/long-line.md":    head("LINE-001") + strings.Repeat("y", 5<<20) + "\n",
		"docs/lists.md":        head("LIST-001") + strings.Repeat("- ", 20_000) + "x\n",
		"docs/quotes.md":       head("QUOTE-001") + strings.Repeat(">", 20_000) + " x\n",
		"docs/wide.md":         head("WIDE-001") + "|" + strings.Repeat(" c |", 5000) + "\n|" + strings.Repeat("---|", 5000) + "\n|" + strings.Repeat(" x |", 5000) + "\n",
		"docs/rows.md":         head("ROWS-001") + rows.String(),
	}
	for name, content := range files {
		writeFile(t, name, content)
	}

	code, out, errs := planIn(t, "--json", "--max-file-size", "6000000", "docs")
	require.Equal(t, 0, code, errs)
	var doc report.ReportJSON
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	var parse []string
	for _, p := range doc.Problems {
		assert.Equal(t, "warning", p.Severity, "%s:%d: %s", p.File, p.Line, p.Message)
		if p.Code == "parse" {
			parse = append(parse, fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message))
		}
	}
	for _, want := range []string{
		"docs/big.md:1: ",
		"docs/invalid-utf8.md:3: ",
		"docs/lists.md:9: lists or block quotes nested 20000 deep",
		"docs/quotes.md:9: lists or block quotes nested 20000 deep",
		"docs/rows.md:50001: the title, header and Dependencies sections are too long",
	} {
		found := false
		for _, p := range parse {
			found = found || strings.HasPrefix(p, want)
		}
		assert.True(t, found, "a parse warning %q in %q", want, parse)
	}
	var ids []string
	for _, p := range doc.Packets {
		ids = append(ids, p.ID)
	}
	assert.ElementsMatch(t, []string{"BAD-001", "HEAD-001", "LINE-001", "LIST-001", "QUOTE-001", "WIDE-001", "ROWS-001"}, ids)
	assert.ElementsMatch(t, []string{"docs/big.md", "docs/binary.md", "docs/empty.md"}, doc.Files.Skipped)
}

// TestExplainUnknownIDEscapesPaths: plan explain of an ID no packet has
// names the folders it read escaped, as every message does, so a folder
// named with an escape sequence cannot drive the terminal.
func TestExplainUnknownIDEscapesPaths(t *testing.T) {
	t.Chdir(t.TempDir())
	dir := "docs\x1b[31mred"
	writeFile(t, filepath.Join(dir, "a.md"), packetSource("A-001", "A"))
	code, _, stderr := planIn(t, "explain", "NOPE-001", dir)
	assert.Equal(t, exitUsage, code)
	assert.NotContains(t, stderr, "\x1b", "no raw escape reaches the terminal")
	assert.Contains(t, stderr, "no packet NOPE-001 in docs")
}

// TestArgumentsWithEscapesAreEscaped: what the user typed comes back in
// messages escaped, never raw: a --format value, an unknown flag, a
// --holidays file and a --write-baseline file whose names hold an escape
// sequence (pasted from a coloured terminal, or a hostile script).
func TestArgumentsWithEscapesAreEscaped(t *testing.T) {
	t.Chdir(t.TempDir())
	writeFile(t, "docs/a.md", packetSource("A-001", "A"))
	esc := "x\x1b[31my"
	writeFile(t, "holidays"+esc+".txt", "2026-13-01\n")
	for _, args := range [][]string{
		{"--format", esc, "docs"},
		{"--json", "--format", esc, "docs"},
		{"--" + esc, "docs"},
		{"schedule", "--team", "1", "--start", "2026-01-04", "--holidays", "missing" + esc, "docs"},
		{"schedule", "--team", "1", "--start", "2026-01-04", "--holidays", "holidays" + esc + ".txt", "docs"},
		{"check", "--write-baseline", "missing" + esc + "/b.json", "docs"},
	} {
		code, stdout, stderr := planIn(t, args...)
		assert.Equal(t, exitUsage, code, "%q", args)
		assert.NotContains(t, stdout+stderr, "\x1b", "%q", args)
		assert.Contains(t, stderr, `x\x1b[31my`, "%q: the name is shown, escaped", args)
	}
}
