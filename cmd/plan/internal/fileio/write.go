package fileio

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"
	"unicode/utf8"
)

// ErrChangedOnDisk says that a file changed after plan read it; plan
// leaves such a file alone.
var ErrChangedOnDisk = errors.New("it changed on disk since plan read it")

// State is a file as plan read it before changing it.
type State struct {
	// Path is the file itself, symbolic links resolved.
	Path string
	// Data is the content read.
	Data []byte
	// Mode is the file's mode when it was read; Replace keeps its
	// permissions.
	Mode  fs.FileMode
	size  int64
	mtime time.Time
}

// ReadForUpdate reads a regular file of at most max bytes that plan may
// replace. A symbolic link is followed: the file it points to is replaced,
// and the link stays.
func ReadForUpdate(name string, max int64) (*State, error) {
	path, err := filepath.EvalSymlinks(name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: name, Err: errors.New("not a regular file")}
	}
	if fi.Size() > max {
		return nil, &os.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than the %d-byte limit", max)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &State{Path: path, Data: data, Mode: fi.Mode(), size: fi.Size(), mtime: fi.ModTime()}, nil
}

// Unchanged reports whether the file on disk is still what was read: same
// size, modification time and bytes.
func (st *State) Unchanged() (bool, error) {
	fi, err := os.Stat(st.Path)
	if err != nil {
		return false, err
	}
	if fi.Size() != st.size || !fi.ModTime().Equal(st.mtime) {
		return false, nil
	}
	cur, err := os.ReadFile(st.Path)
	if err != nil {
		return false, err
	}
	return bytes.Equal(cur, st.Data), nil
}

// AfterWrite, when not nil, runs in Replace once the temporary file is
// complete and synced, before the original is checked and replaced; an
// error stops the replacement as a crash would. It is for tests (a
// concurrent edit, a failing disk) and nil otherwise.
var AfterWrite func(original, temp string) error

// Replace replaces the file read as st by data: a temporary file in
// the same folder with the same permissions, synced, renamed over the
// original. If the original changed since it was read it is left alone and
// ErrChangedOnDisk is returned. (A change in the instant between that
// check and the rename cannot be detected; it is lost as it would be to
// any editor that saves the same file.)
func Replace(st *State, data []byte) (err error) {
	dir, base := filepath.Split(st.Path)
	if dir == "" {
		dir = "."
	}
	f, err := createTemp(dir, base, 0o600)
	if err != nil {
		return err
	}
	temp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(temp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(st.Mode.Perm()); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if AfterWrite != nil {
		if err = AfterWrite(st.Path, temp); err != nil {
			return err
		}
	}
	same, err := st.Unchanged()
	if err != nil {
		return err
	}
	if !same {
		err = ErrChangedOnDisk
		return err
	}
	if err = os.Rename(temp, st.Path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// Create writes data to a new file name, which must not exist: it never
// replaces a file, even one created in the meantime (the error is then
// fs.ErrExist). The content is written to a temporary file first and
// linked into place, so a crash never leaves a half-written file; where
// hard links are not supported it is created with O_EXCL and written
// directly.
func Create(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	f, err := createTemp(dir, filepath.Base(name), 0o644)
	if err != nil {
		return err
	}
	temp := f.Name()
	defer os.Remove(temp)
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err = os.Link(temp, name); err == nil {
		syncDir(dir)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	// No hard links here: create exclusively and write in place.
	out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err = out.Write(data); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	syncDir(dir)
	return nil
}

// Write writes data to name, whether or not it exists, without ever
// leaving half of it: a new file is made with Create, an existing one
// replaced with Replace, keeping its mode. A symbolic link stays a link
// while the file it points to is written, even when that file is not there
// yet. A file created between the check and the write is replaced as any
// existing file.
func Write(name string, data []byte) error {
	target := name
	if li, err := os.Lstat(name); err == nil && li.Mode()&fs.ModeSymlink != 0 {
		if _, err := os.Stat(name); errors.Is(err, fs.ErrNotExist) {
			// A link to a file not there yet: create the file it names.
			if target, err = os.Readlink(name); err != nil {
				return err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(filepath.Dir(name), target)
			}
		}
	}
	if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
		err := Create(target, data)
		if !errors.Is(err, fs.ErrExist) {
			return err
		}
	}
	st, err := ReadForUpdate(name, math.MaxInt64)
	if err != nil {
		return err
	}
	return Replace(st, data)
}

// createTemp creates a new hidden temporary file in dir, named after
// base, with permissions perm (less the umask, as for any new file).
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	limit := nameMax(dir)
	for try := 0; ; try++ {
		name := filepath.Join(dir, tempName(base, limit, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if err == nil || !errors.Is(err, fs.ErrExist) || try == 100 {
			return f, err
		}
	}
}

// tempName is the name of a temporary file for base: "." base
// ".plan-XXXXXXXX.tmp", with base cut at a character boundary when the
// whole would pass limit bytes, the longest name the file system takes.
// So a file whose name is legal (250 bytes, say) gets a temporary name
// that is legal too.
func tempName(base string, limit int, n uint32) string {
	suffix := fmt.Sprintf(".plan-%08x.tmp", n)
	if room := limit - 1 - len(suffix); len(base) > room {
		cut := max(room, 0)
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	return "." + base + suffix
}

// defaultNameMax is the longest file name in bytes where the system does
// not say: 255 on every common file system (ext4, XFS, APFS, NTFS counts
// 255 UTF-16 units, never fewer bytes).
const defaultNameMax = 255

// syncDir makes a rename or link in dir durable where the system allows
// syncing a folder; failures are ignored (the file itself is synced).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
