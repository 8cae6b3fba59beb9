package change

import (
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/workpackets/plan/cmd/plan/internal/gitrev"
	"github.com/workpackets/plan/parser"
)

// Reader reads the packet folders named by PATH arguments at any commit,
// from git, each file version once.
type Reader struct {
	Repo  *gitrev.Repo
	blobs *gitrev.Blobs
	// paths are the PATH arguments relative to the repository root.
	paths []string
	// cwd is where names are made relative to, so packets read from git
	// are named as the same files read from disk are.
	cwd  string
	opts parser.Options
}

// NewReader opens the repository holding the first path (its folder, for
// a file) and checks that every path is inside it. No paths means ".".
func NewReader(paths []string, opts parser.Options) (*Reader, error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if real, err := filepath.EvalSymlinks(cwd); err == nil {
		cwd = real
	}
	dir := paths[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	if _, err := os.Stat(dir); err != nil {
		dir = "."
	}
	repo, err := gitrev.Open(dir)
	if err != nil {
		return nil, err
	}
	r := &Reader{Repo: repo, cwd: cwd, opts: opts}
	for _, p := range paths {
		rel, err := repo.Rel(p)
		if err != nil {
			return nil, err
		}
		r.paths = append(r.paths, rel)
	}
	return r, nil
}

// Paths are the PATH arguments relative to the repository root.
func (r *Reader) Paths() []string { return r.paths }

// Close stops the blob reader.
func (r *Reader) Close() error {
	if r.blobs == nil {
		return nil
	}
	return r.blobs.Close()
}

// BlobReads counts the file versions read from git so far.
func (r *Reader) BlobReads() int {
	if r.blobs == nil {
		return 0
	}
	return r.blobs.Reads
}

// wanted reports whether the file at root-relative p is read as Load would
// read it under the PATH arguments: named explicitly, or a markdown file
// not inside a hidden directory, node_modules or vendor below a PATH.
func (r *Reader) wanted(p string) bool {
	for _, root := range r.paths {
		if p == root {
			return true
		}
		var rest string
		switch {
		case root == ".":
			rest = p
		case strings.HasPrefix(p, root+"/"):
			rest = p[len(root)+1:]
		default:
			continue
		}
		ext := strings.ToLower(path.Ext(rest))
		if ext != ".md" && ext != ".markdown" {
			continue
		}
		hidden := false
		for _, part := range strings.Split(rest, "/") {
			if strings.HasPrefix(part, ".") || part == "node_modules" || part == "vendor" {
				hidden = true
			}
		}
		if !hidden {
			return true
		}
	}
	return false
}

// Version is the folder at one commit: its files' blob hashes (the key:
// two commits with the same key hold the same plan) and the parsed set.
type Version struct {
	Key string
	Set *parser.Set
}

// At reads the packet files at commit.
func (r *Reader) At(commit string) (*Version, error) {
	entries, err := r.Repo.Files(commit, r.paths)
	if err != nil {
		return nil, err
	}
	if r.blobs == nil {
		if r.blobs, err = r.Repo.Blobs(); err != nil {
			return nil, err
		}
	}
	var files []parser.File
	var key strings.Builder
	for _, e := range entries {
		if !r.wanted(e.Path) {
			continue
		}
		data, err := r.blobs.Read(e.Blob)
		if err != nil {
			return nil, err
		}
		name := filepath.Join(r.Repo.Root, filepath.FromSlash(e.Path))
		if rel, err := filepath.Rel(r.cwd, name); err == nil {
			name = rel
		}
		files = append(files, parser.File{Name: name, Data: data})
		key.WriteString(e.Path + "\x00" + e.Blob + "\x00")
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return &Version{Key: key.String(), Set: parser.LoadFiles(files, r.opts)}, nil
}
