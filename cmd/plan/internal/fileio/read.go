package fileio

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ReadLimited reads a regular file of at most limit bytes: a user-named
// side file (--holidays, --baseline) or a packet to explain. A folder, a
// device or a pipe is refused before anything is read.
func ReadLimited(name string, limit int64) ([]byte, error) {
	fi, err := statRegular(name)
	if err != nil {
		return nil, err
	}
	if fi.Size() > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", name, limit)
	}
	return os.ReadFile(name)
}

// ReadHead reads the first n bytes of a regular file (all of it when it is
// shorter): enough of a file too large to read whole to learn what it
// starts with.
func ReadHead(name string, n int) ([]byte, error) {
	if _, err := statRegular(name); err != nil {
		return nil, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, n)
	got, err := io.ReadFull(f, head)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return head[:got], err
}

// statRegular is os.Stat, refusing what is not a regular file.
func statRegular(name string) (fs.FileInfo, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", name)
	}
	return fi, nil
}
