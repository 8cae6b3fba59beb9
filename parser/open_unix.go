//go:build unix

package parser

import (
	"os"
	"syscall"
)

// openNoBlock opens a file for reading without waiting for a writer when it
// turns out to be a FIFO (it may have been replaced since it was listed).
// The caller checks that it is a regular file before reading.
func openNoBlock(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
