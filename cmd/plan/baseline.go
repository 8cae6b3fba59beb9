package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"

	"github.com/workpackets/plan/cmd/plan/internal/report"
)

// maxBaselineFile bounds what --baseline reads.
const maxBaselineFile = 32 << 20

// readBaseline reads a baseline file, as a usage error when it cannot.
func readBaseline(name string) (report.BaselineFile, error) {
	var b report.BaselineFile
	data, err := readLimitedFile(name, maxBaselineFile)
	if err != nil {
		return b, usageErrorf("create it with 'plan check --write-baseline "+name+"'", "--baseline: %v", err)
	}
	if err := json.Unmarshal(data, &b); err != nil {
		return b, usageErrorf("rewrite it with 'plan check --write-baseline "+name+"'", "--baseline %s: not a baseline file: %v", name, err)
	}
	if b.SchemaVersion != report.BaselineVersion {
		return b, usageErrorf("rewrite it with 'plan check --write-baseline "+name+"'", "--baseline %s: schema_version %d, want %d", name, b.SchemaVersion, report.BaselineVersion)
	}
	for i, e := range b.Problems {
		if e.Code == "" {
			return b, usageErrorf("", "--baseline %s: entry %d has no code", name, i+1)
		}
	}
	return b, nil
}

// writeBaseline writes b to name as indented JSON the way sync writes a
// packet: an existing file is replaced through a temporary file in its
// folder, synced and renamed over it, keeping its mode, and a symbolic
// link stays a link while the file it points to is replaced; a new file
// is written to a temporary file and linked into place. A crash never
// leaves half a baseline.
func writeBaseline(name string, b report.BaselineFile) error {
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, b); err != nil {
		return err
	}
	target := name
	if li, err := os.Lstat(name); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			// A link to a file not there yet: create the file it names.
			if target, err = os.Readlink(name); err != nil {
				return err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(name), target)
			}
		}
	}
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		err := createFile(target, buf.Bytes())
		if !errors.Is(err, fs.ErrExist) {
			return err
		}
		// Created in the meantime: replace it as any existing file.
	}
	st, err := readForUpdate(name, math.MaxInt64)
	if err != nil {
		return err
	}
	return replaceFile(st, buf.Bytes())
}
