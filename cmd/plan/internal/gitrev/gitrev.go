// Package gitrev reads a folder's past versions from git, by running the
// git binary: resolving revisions, listing and reading files at a commit,
// and listing the commits that touched a path. It never touches the
// working tree or the index.
package gitrev

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Kind says what went wrong, so the caller can pick an exit code.
type Kind int

// Error kinds.
const (
	// NoGit: the git binary is not installed.
	NoGit Kind = iota + 1
	// NotRepo: the directory is not inside a git repository.
	NotRepo
	// BadRev: the revision does not name a commit.
	BadRev
	// Shallow: the revision is missing because the clone is shallow.
	Shallow
	// OutsideRepo: a path is not inside the repository.
	OutsideRepo
	// Failed: git failed for another reason.
	Failed
)

// Error is a failure to read from git.
type Error struct {
	Kind Kind
	Msg  string
	// Hint says what to do, or "".
	Hint string
}

func (e *Error) Error() string { return e.Msg }

// Repo is a git repository, run from its top-level directory.
type Repo struct {
	// Root is the absolute top-level directory of the working tree.
	Root string
}

// Open finds the repository that holds dir.
func Open(dir string) (*Repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &Error{Kind: NoGit, Msg: "git is not installed (plan runs the git binary to read past versions)"}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, &Error{Kind: Failed, Msg: err.Error()}
	}
	out, err := run(abs, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &Error{Kind: NotRepo, Msg: fmt.Sprintf("%s is not in a git repository", dir),
			Hint: "run plan diff and plan history inside a clone of the repository that holds the packets"}
	}
	root := strings.TrimSpace(string(out))
	// git prints the real path; compare paths with symbolic links resolved.
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	return &Repo{Root: root}, nil
}

// run runs git in dir and returns its standard output; the error carries
// git's standard error.
func run(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-c", "core.quotepath=off"}, args...)...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	// Nothing git does here may prompt or page.
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_PAGER=cat", "GIT_OPTIONAL_LOCKS=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, errors.New(msg)
	}
	return out, nil
}

func (r *Repo) git(args ...string) ([]byte, error) { return run(r.Root, nil, args...) }

// Shallow reports whether the clone is shallow.
func (r *Repo) Shallow() bool {
	out, err := r.git("rev-parse", "--is-shallow-repository")
	return err == nil && strings.TrimSpace(string(out)) == "true"
}

// Resolve returns the commit hash rev names.
func (r *Repo) Resolve(rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", &Error{Kind: BadRev, Msg: fmt.Sprintf("%q is not a revision", rev)}
	}
	out, err := r.git("rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if r.Shallow() {
			return "", &Error{Kind: Shallow, Msg: fmt.Sprintf("revision %s is not in this shallow clone", rev),
				Hint: "fetch the history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"}
		}
		return "", &Error{Kind: BadRev, Msg: fmt.Sprintf("revision %s does not name a commit", rev),
			Hint: "give a branch, tag or commit (git log --oneline lists them)"}
	}
	return strings.TrimSpace(string(out)), nil
}

// DefaultBase returns the revision plan diff compares with by default:
// the merge base of HEAD with the default branch (origin/HEAD, main or
// master, the first that exists), else HEAD. The name says which it is.
func (r *Repo) DefaultBase() (hash, name string, err error) {
	head, err := r.Resolve("HEAD")
	if err != nil {
		return "", "", err
	}
	for _, branch := range []string{"origin/HEAD", "main", "master", "origin/main", "origin/master"} {
		h, err := r.Resolve(branch)
		if err != nil {
			continue
		}
		out, err := r.git("merge-base", head, h)
		if err != nil {
			continue
		}
		base := strings.TrimSpace(string(out))
		if base != head {
			return base, "merge-base with " + branch, nil
		}
		break
	}
	return head, "HEAD", nil
}

// Rel returns path (absolute or relative to the current directory) as a
// slash-separated path relative to the repository root; "." for the root.
func (r *Repo) Rel(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", &Error{Kind: Failed, Msg: err.Error()}
	}
	// Resolve symbolic links of the part that exists, so /tmp and
	// /private/tmp or a linked home compare equal with Root.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(r.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &Error{Kind: OutsideRepo, Msg: fmt.Sprintf("%s is not inside the repository at %s", path, r.Root)}
	}
	return filepath.ToSlash(rel), nil
}

// Entry is a file at a commit.
type Entry struct {
	// Path is slash-separated, relative to the repository root.
	Path string
	// Blob is the hash of the file's content.
	Blob string
}

// Files lists the regular files under the root-relative paths at commit,
// sorted by path.
func (r *Repo) Files(commit string, paths []string) ([]Entry, error) {
	args := append([]string{"ls-tree", "-r", "-z", "--full-tree", commit, "--"}, paths...)
	out, err := r.git(args...)
	if err != nil {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("listing files at %s: %v", short(commit), err)}
	}
	var entries []Entry
	for _, rec := range bytes.Split(out, []byte{0}) {
		// "<mode> SP <type> SP <object> TAB <file>"
		meta, name, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			continue
		}
		f := strings.Fields(string(meta))
		if len(f) != 3 || f[1] != "blob" || f[0] == "120000" || f[0] == "160000" {
			continue // symbolic links and submodules are not packet files
		}
		entries = append(entries, Entry{Path: string(name), Blob: f[2]})
	}
	return entries, nil
}

// Commit is one commit of the history.
type Commit struct {
	Hash string
	// Time is the committer date.
	Time    time.Time
	Subject string
}

// Log lists the commits that touched the root-relative paths, oldest
// first, following the first parent. Commits dated before since (when not
// zero) are left out.
func (r *Repo) Log(paths []string, since time.Time) ([]Commit, error) {
	args := []string{"log", "--first-parent", "--reverse", "-z", "--format=%H%x00%ct%x00%s"}
	args = append(append(args, "HEAD", "--"), paths...)
	out, err := r.git(args...)
	if err != nil {
		if _, rerr := r.Resolve("HEAD"); rerr != nil {
			return nil, &Error{Kind: BadRev, Msg: "the repository has no commits yet"}
		}
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git log: %v", err)}
	}
	f := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	var commits []Commit
	for i := 0; i+2 < len(f); i += 3 {
		sec, err := strconv.ParseInt(f[i+1], 10, 64)
		if err != nil {
			return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git log: bad date %q", f[i+1])}
		}
		c := Commit{Hash: strings.TrimSpace(f[i]), Time: time.Unix(sec, 0).UTC(), Subject: f[i+2]}
		// git's --since reads a bare date as that date at the current
		// time of day, so the cut is made here.
		if since.IsZero() || !c.Time.Before(since) {
			commits = append(commits, c)
		}
	}
	return commits, nil
}

// CommitOf returns the commit rev names, with its date and subject.
func (r *Repo) CommitOf(hash string) (Commit, error) {
	out, err := r.git("show", "-s", "-z", "--format=%H%x00%ct%x00%s", hash)
	if err != nil {
		return Commit{}, &Error{Kind: BadRev, Msg: fmt.Sprintf("revision %s: %v", short(hash), err)}
	}
	f := strings.Split(string(out), "\x00")
	if len(f) < 3 {
		return Commit{}, &Error{Kind: Failed, Msg: "git show: unexpected output"}
	}
	sec, _ := strconv.ParseInt(f[1], 10, 64)
	return Commit{Hash: f[0], Time: time.Unix(sec, 0).UTC(), Subject: f[2]}, nil
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

// Blobs reads file contents by blob hash through one long-running
// `git cat-file --batch`, each blob once: a blob read before is served
// from memory.
type Blobs struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
	cache map[string][]byte
	// Reads counts the blobs read from git (not from memory).
	Reads int
}

// Blobs starts the reader; Close stops it.
func (r *Repo) Blobs() (*Blobs, error) {
	cmd := exec.Command("git", "cat-file", "--batch")
	cmd.Dir = r.Root
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, &Error{Kind: Failed, Msg: err.Error()}
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, &Error{Kind: Failed, Msg: err.Error()}
	}
	if err := cmd.Start(); err != nil {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("starting git cat-file: %v", err)}
	}
	return &Blobs{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 64<<10), cache: map[string][]byte{}}, nil
}

// Read returns the content of the blob hash.
func (b *Blobs) Read(hash string) ([]byte, error) {
	if data, ok := b.cache[hash]; ok {
		return data, nil
	}
	if _, err := fmt.Fprintln(b.in, hash); err != nil {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git cat-file: %v", err)}
	}
	header, err := b.out.ReadString('\n')
	if err != nil {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git cat-file: %v", err)}
	}
	// "<object> SP <type> SP <size> LF <contents> LF" or "<object> SP missing LF"
	f := strings.Fields(header)
	if len(f) != 3 {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git cat-file: blob %s: %s", short(hash), strings.TrimSpace(header))}
	}
	size, err := strconv.Atoi(f[2])
	if err != nil || size < 0 {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git cat-file: bad size in %q", strings.TrimSpace(header))}
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, &Error{Kind: Failed, Msg: fmt.Sprintf("git cat-file: %v", err)}
	}
	data = data[:size]
	b.cache[hash] = data
	b.Reads++
	return data, nil
}

// Close stops git cat-file.
func (b *Blobs) Close() error {
	b.in.Close()
	return b.cmd.Wait()
}
