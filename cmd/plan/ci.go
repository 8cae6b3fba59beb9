package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

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

// writeAnnotations prints one workflow command per problem, then one
// warning (without a file) per stale baseline entry.
func writeAnnotations(w io.Writer, problems []parser.Problem, stale []baselineEntry, baselineFile string) error {
	bw := bufio.NewWriter(w)
	for _, p := range problems {
		fmt.Fprintln(bw, ghAnnotation(p))
	}
	for _, s := range stale {
		fmt.Fprintf(bw, "::warning title=%s::%s\n", ghEscapeProperty("plan stale baseline entry"),
			ghEscapeData(cleanLines(fmt.Sprintf("%s: %s no longer occurs; remove it from the baseline", baselineFile, s))))
	}
	return bw.Flush()
}

// baselineVersion is the schema version of the baseline file.
const baselineVersion = 1

// maxBaselineFile bounds what --baseline reads.
const maxBaselineFile = 32 << 20

// baselineFile is the document --write-baseline writes and --baseline
// reads; the README documents it.
type baselineFile struct {
	SchemaVersion int             `json:"schema_version"`
	Problems      []baselineEntry `json:"problems"`
}

// baselineEntry is one known problem. It matches problems with the same
// code, packet and referenced packet, whatever their line; File identifies
// problems that belong to no packet (a file too large to read). Count, when
// above 1, is how many such problems are known.
type baselineEntry struct {
	Code   string `json:"code"`
	Packet string `json:"packet,omitempty"`
	Ref    string `json:"ref,omitempty"`
	File   string `json:"file,omitempty"`
	Count  int    `json:"count,omitempty"`
}

// String names the entry in messages: "dangling-ref DNG-002 -> DNG-099".
func (b baselineEntry) String() string {
	s := b.Code
	if b.Packet != "" {
		s += " " + b.Packet
	}
	if b.Ref != "" {
		s += " -> " + b.Ref
	}
	if b.File != "" {
		s += " in " + b.File
	}
	if b.Count > 1 {
		s += fmt.Sprintf(" (%d times)", b.Count)
	}
	return s
}

// baselineKey is what a baseline entry and a problem are matched on.
type baselineKey struct{ code, packet, ref, file string }

func keyOf(p parser.Problem) baselineKey {
	k := baselineKey{code: p.Code, packet: p.Packet, ref: p.Ref}
	if p.Packet == "" {
		k.file = filepath.ToSlash(p.File)
	}
	return k
}

func (k baselineKey) entry(count int) baselineEntry {
	e := baselineEntry{Code: k.code, Packet: k.packet, Ref: k.ref, File: k.file}
	if count > 1 {
		e.Count = count
	}
	return e
}

func compareKeys(a, b baselineKey) int {
	return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.packet, b.packet), cmp.Compare(a.ref, b.ref), cmp.Compare(a.file, b.file))
}

// newBaseline records problems as baseline entries, sorted by code,
// packet, referenced packet and file: the same problems give the same
// bytes, whatever their lines.
func newBaseline(problems []parser.Problem) baselineFile {
	counts := map[baselineKey]int{}
	for _, p := range problems {
		counts[keyOf(p)]++
	}
	keys := make([]baselineKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareKeys)
	b := baselineFile{SchemaVersion: baselineVersion, Problems: []baselineEntry{}}
	for _, k := range keys {
		b.Problems = append(b.Problems, k.entry(counts[k]))
	}
	return b
}

// applyBaseline splits problems into the new ones (not in the baseline,
// or more of them than it records) and the known ones, and returns the
// baseline entries that matched nothing, or fewer problems than they
// record (with Count the number missing).
func applyBaseline(problems []parser.Problem, b baselineFile) (fresh []parser.Problem, known int, stale []baselineEntry) {
	left := map[baselineKey]int{}
	var order []baselineKey
	for _, e := range b.Problems {
		k := baselineKey{code: e.Code, packet: e.Packet, ref: e.Ref, file: filepath.ToSlash(e.File)}
		if _, ok := left[k]; !ok {
			order = append(order, k)
		}
		left[k] += max(e.Count, 1)
	}
	for _, p := range problems {
		k := keyOf(p)
		if left[k] > 0 {
			left[k]--
			known++
			continue
		}
		fresh = append(fresh, p)
	}
	slices.SortFunc(order, compareKeys)
	for _, k := range order {
		if n := left[k]; n > 0 {
			stale = append(stale, k.entry(n))
		}
	}
	return fresh, known, stale
}

// readBaseline reads a baseline file, as a usage error when it cannot.
func readBaseline(name string) (baselineFile, error) {
	var b baselineFile
	data, err := readLimitedFile(name, maxBaselineFile)
	if err != nil {
		return b, usageErrorf("create it with 'plan check --write-baseline "+name+"'", "--baseline: %v", err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return b, usageErrorf("rewrite it with 'plan check --write-baseline "+name+"'", "--baseline %s: not a baseline file: %v", name, err)
	}
	if b.SchemaVersion != baselineVersion {
		return b, usageErrorf("rewrite it with 'plan check --write-baseline "+name+"'", "--baseline %s: schema_version %d, want %d", name, b.SchemaVersion, baselineVersion)
	}
	for i, e := range b.Problems {
		if e.Code == "" {
			return b, usageErrorf("", "--baseline %s: entry %d has no code", name, i+1)
		}
	}
	return b, nil
}

// writeBaseline writes b to name as indented JSON, through a temporary
// file in the same folder so a failed write never leaves half a file.
func writeBaseline(name string, b baselineFile) error {
	var buf bytes.Buffer
	if err := writeJSON(&buf, b); err != nil {
		return err
	}
	data := buf.Bytes()
	f, err := os.CreateTemp(filepath.Dir(name), ".plan-baseline-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
