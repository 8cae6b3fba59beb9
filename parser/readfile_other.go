//go:build !unix

package parser

// readFile reads a regular file of at most max bytes into buf; see
// readFileOS.
func readFile(path string, max int64, buf []byte) (data []byte, tooBig bool, err error) {
	return readFileOS(path, max, buf)
}
