package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	var out, errOut bytes.Buffer
	assert.Equal(t, 0, run([]string{"-n", "12", "-seed", "3", "-cycles", "1", "-out", dir}, &out, &errOut), errOut.String())
	assert.Contains(t, out.String(), "12 packets, ")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*", "group-000", "*.md"))
	assert.NoError(t, err)
	assert.Len(t, files, 12)

	out.Reset()
	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-n", "12", "-out", dir}, &out, &errOut))
	assert.Contains(t, errOut.String(), "is not empty")

	errOut.Reset()
	assert.Equal(t, 2, run([]string{"-n", "12"}, &out, &errOut))
	assert.Contains(t, errOut.String(), "usage")
	_, err = os.Stat(dir)
	assert.NoError(t, err)
}
