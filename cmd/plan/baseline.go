package main

import (
	"bytes"
	"encoding/json"
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

// writeBaseline writes b to name as indented JSON, through a temporary
// file in the same folder so a failed write never leaves half a file.
func writeBaseline(name string, b report.BaselineFile) error {
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, b); err != nil {
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
