package main

import (
	"fmt"
	"os"
)

// maxHolidaysFile bounds what --holidays reads.
const maxHolidaysFile = 1 << 20

// readSmallFile reads a user-named side file such as --holidays, refusing
// anything that is not a regular file or is unreasonably large.
func readSmallFile(name string) ([]byte, error) { return readLimitedFile(name, maxHolidaysFile) }

// readLimitedFile reads a regular file of at most limit bytes.
func readLimitedFile(name string, limit int64) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return os.ReadFile(name)
}
