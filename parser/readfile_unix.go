//go:build unix

package parser

import (
	"os"
	"syscall"
	"time"
)

// readFile reads a regular file of at most max bytes into buf (grown when
// too small). It is readFileOS with four system calls per file (open,
// fstat, read, close) instead of six: an os.File also registers with the
// poller and reads once more to see the end, which for tens of thousands
// of small files costs as much as parsing them. It never blocks on a FIFO
// or device: the file is opened without waiting and checked to be a
// regular file before it is read. Errors are the *os.PathError values
// package os would give.
func readFile(path string, max int64, buf []byte) (data []byte, tooBig bool, err error) {
	var fd int
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, false, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, false, &os.PathError{Op: "stat", Path: path, Err: err}
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		fi, err := os.Stat(path)
		if err != nil {
			return nil, false, err
		}
		return nil, false, &os.PathError{Op: "read", Path: path, Err: errNotRegular(fi.Mode())}
	}
	size := st.Size
	if size > max {
		return nil, true, nil
	}
	// Room for the size fstat gave and more: a read that does not fill the
	// buffer has reached the end, so no second read is needed to see it.
	if want := int(size) + 512; cap(buf) < want {
		buf = make([]byte, 0, want)
	}
	data = buf[:0]
	again := 0
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := sysRead(fd, data[len(data):cap(data)])
		if err == syscall.EINTR {
			continue
		}
		if err == syscall.EAGAIN {
			// A regular file answers EAGAIN only from a file system that
			// is not ready (FUSE, network): wait a little longer each
			// time, and give up after maxAgain tries rather than spin.
			if again++; again > maxAgain {
				return nil, false, &os.PathError{Op: "read", Path: path, Err: err}
			}
			time.Sleep(time.Duration(min(again, 10)) * time.Millisecond)
			continue
		}
		if err != nil {
			return nil, false, &os.PathError{Op: "read", Path: path, Err: err}
		}
		if n <= 0 {
			break
		}
		data = data[:len(data)+n]
		again = 0
		if int64(len(data)) > max || len(data) < cap(data) && int64(len(data)) >= size {
			break
		}
	}
	return data, int64(len(data)) > max, nil
}

// sysRead is syscall.Read; tests replace it to play a misbehaving file.
var sysRead = syscall.Read

// maxAgain is how many EAGAIN answers in a row a read of one file
// survives (waiting 1 ms, 2 ms, ... up to 10 ms between them: about
// 0.4 s in all) before it fails.
const maxAgain = 50
