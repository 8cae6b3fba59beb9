//go:build !linux

package fileio

// nameMax is the longest file name, in bytes, where the system has no
// portable way to ask: 255.
func nameMax(string) int { return defaultNameMax }
