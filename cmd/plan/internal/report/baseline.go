package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/workpackets/plan/parser"
)

// BaselineVersion is the schema version of the baseline file.
const BaselineVersion = 1

// BaselineFile is the document --write-baseline writes and --baseline
// reads; its schema is cmd/plan/internal/help/schema/baseline.schema.json.
type BaselineFile struct {
	SchemaVersion int             `json:"schema_version"`
	Problems      []BaselineEntry `json:"problems"`
}

// BaselineEntry is one known problem. It matches problems with the same
// code, packet and referenced packet, whatever their line; File identifies
// problems that belong to no packet (a file too large to read). Count, when
// above 1, is how many such problems are known.
type BaselineEntry struct {
	Code   string `json:"code"`
	Packet string `json:"packet,omitempty"`
	Ref    string `json:"ref,omitempty"`
	File   string `json:"file,omitempty"`
	Count  int    `json:"count,omitempty"`
}

// String names the entry in messages: "dangling-ref DNG-002 -> DNG-099".
func (b BaselineEntry) String() string {
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

func (k baselineKey) entry(count int) BaselineEntry {
	e := BaselineEntry{Code: k.code, Packet: k.packet, Ref: k.ref, File: k.file}
	if count > 1 {
		e.Count = count
	}
	return e
}

func compareKeys(a, b baselineKey) int {
	return cmp.Or(cmp.Compare(a.code, b.code), cmp.Compare(a.packet, b.packet), cmp.Compare(a.ref, b.ref), cmp.Compare(a.file, b.file))
}

// NewBaseline records problems as baseline entries, sorted by code,
// packet, referenced packet and file: the same problems give the same
// bytes, whatever their lines.
func NewBaseline(problems []parser.Problem) BaselineFile {
	counts := map[baselineKey]int{}
	for _, p := range problems {
		counts[keyOf(p)]++
	}
	keys := make([]baselineKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareKeys)
	b := BaselineFile{SchemaVersion: BaselineVersion, Problems: []BaselineEntry{}}
	for _, k := range keys {
		b.Problems = append(b.Problems, k.entry(counts[k]))
	}
	return b
}

// ApplyBaseline splits problems into the new ones (not in the baseline,
// or more of them than it records) and the known ones, and returns the
// baseline entries that matched nothing, or fewer problems than they
// record (with Count the number missing).
func ApplyBaseline(problems []parser.Problem, b BaselineFile) (fresh []parser.Problem, known int, stale []BaselineEntry) {
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

// BaselineError says why a file is not a baseline plan can use. Rewrite
// is set when writing it again (plan check --write-baseline) mends it.
type BaselineError struct {
	Msg     string
	Rewrite bool
}

func (e *BaselineError) Error() string { return e.Msg }

// DecodeBaseline reads a baseline file's content: JSON of this
// BaselineVersion whose every entry has a code. Anything else is a
// *BaselineError.
func DecodeBaseline(data []byte) (BaselineFile, error) {
	var b BaselineFile
	if err := json.Unmarshal(data, &b); err != nil {
		return b, &BaselineError{Msg: fmt.Sprintf("not a baseline file: %v", err), Rewrite: true}
	}
	if b.SchemaVersion != BaselineVersion {
		return b, &BaselineError{Msg: fmt.Sprintf("schema_version %d, want %d", b.SchemaVersion, BaselineVersion), Rewrite: true}
	}
	for i, e := range b.Problems {
		if e.Code == "" {
			return b, &BaselineError{Msg: fmt.Sprintf("entry %d has no code", i+1)}
		}
	}
	return b, nil
}
