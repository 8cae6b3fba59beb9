package main

import "github.com/workpackets/plan/cmd/plan/internal/fileio"

// maxHolidaysFile bounds what --holidays reads.
const maxHolidaysFile = 1 << 20

// readSmallFile reads a user-named side file such as --holidays, refusing
// anything that is not a regular file or is unreasonably large.
func readSmallFile(name string) ([]byte, error) { return fileio.ReadLimited(name, maxHolidaysFile) }
