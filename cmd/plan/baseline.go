package main

import (
	"bytes"
	"encoding/json"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/report"
)

// maxBaselineFile bounds what --baseline reads.
const maxBaselineFile = 32 << 20

// readBaseline reads a baseline file, as a usage error when it cannot.
func readBaseline(name string) (report.BaselineFile, error) {
	var b report.BaselineFile
	data, err := fileio.ReadLimited(name, maxBaselineFile)
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
	return fileio.Write(name, buf.Bytes())
}
