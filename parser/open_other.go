//go:build !unix

package parser

import "os"

// openNoBlock opens a file for reading. Systems without FIFOs that block on
// open need nothing more; the caller checks that it is a regular file
// before reading.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
