package main

import (
	"bytes"
	"errors"

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
	b, err = report.DecodeBaseline(data)
	var be *report.BaselineError
	if errors.As(err, &be) {
		hint := ""
		if be.Rewrite {
			hint = "rewrite it with 'plan check --write-baseline " + name + "'"
		}
		return b, usageErrorf(hint, "--baseline %s: %s", name, be.Msg)
	}
	return b, err
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
