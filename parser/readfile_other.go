//go:build !unix

package parser

import (
	"errors"
	"io"
	"os"
)

// readFile reads a regular file of at most max bytes into buf; see
// readFileOS.
func readFile(path string, max int64, buf []byte) (data []byte, tooBig bool, err error) {
	return readFileOS(path, max, buf)
}

// readFileOS reads a regular file of at most max bytes into buf (grown
// when too small), with package os: readFile where the system calls of
// readfile_unix.go are not available. It never blocks on a FIFO or device:
// the file is opened without waiting (where the system allows) and checked
// to be a regular file before it is read.
func readFileOS(path string, max int64, buf []byte) (data []byte, tooBig bool, err error) {
	f, err := openNoBlock(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	if !fi.Mode().IsRegular() {
		return nil, false, &os.PathError{Op: "read", Path: path, Err: errNotRegular(fi.Mode())}
	}
	if fi.Size() > max {
		return nil, true, nil
	}
	// Room for the size Stat gave and one byte more, so that a file that
	// grew since is noticed without a second allocation.
	if want := int(fi.Size()) + 512; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	data = buf[:0]
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false, &os.PathError{Op: "read", Path: path, Err: unwrapPathError(err)}
		}
		if int64(len(data)) > max {
			break
		}
	}
	return data, int64(len(data)) > max, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// openNoBlock opens a file for reading. Systems without FIFOs that block on
// open need nothing more; the caller checks that it is a regular file
// before reading.
func openNoBlock(path string) (*os.File, error) {
	return os.Open(path)
}
