package gitrev

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gitIn(t *testing.T, dir, date string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "git %v: %s", args, out)
	return strings.TrimSpace(string(out))
}

// TestRepo reads a two-commit repository: the files under a folder (a
// symbolic link left out), a blob read from git once, the commits oldest
// first, and the errors for a bad revision and a path outside.
func TestRepo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	require.NoError(t, err)
	const d1, d2 = "2026-11-02T12:00:00Z", "2026-11-03T12:00:00Z"
	gitIn(t, dir, d1, "init", "-q", "-b", "main")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "p", "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p", "a.md"), []byte("same\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "p", "sub", "b.md"), []byte("same\n"), 0o644))
	require.NoError(t, os.Symlink("a.md", filepath.Join(dir, "p", "link.md")))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.md"), []byte("x\n"), 0o644))
	gitIn(t, dir, d1, "add", "-A")
	gitIn(t, dir, d1, "commit", "-q", "-m", "first")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.md"), []byte("y\n"), 0o644))
	gitIn(t, dir, d2, "commit", "-q", "-am", "second, outside p")

	r, err := Open(filepath.Join(dir, "p"))
	require.NoError(t, err)
	assert.Equal(t, dir, r.Root)
	head, err := r.Resolve("HEAD")
	require.NoError(t, err)
	files, err := r.Files(head, []string{"p"})
	require.NoError(t, err)
	require.Len(t, files, 2, "the symbolic link is not a file")
	assert.Equal(t, "p/a.md", files[0].Path)
	assert.Equal(t, "p/sub/b.md", files[1].Path)
	assert.Equal(t, files[0].Blob, files[1].Blob, "same content, same blob")

	b, err := r.Blobs()
	require.NoError(t, err)
	for _, f := range files {
		data, err := b.Read(f.Blob)
		require.NoError(t, err)
		assert.Equal(t, "same\n", string(data))
	}
	assert.Equal(t, 1, b.Reads, "the second read is from memory")
	require.NoError(t, b.Close())

	commits, err := r.Log([]string{"p"}, time.Time{})
	require.NoError(t, err)
	require.Len(t, commits, 1, "the second commit did not touch p")
	assert.Equal(t, "first", commits[0].Subject)
	all, err := r.Log([]string{"."}, time.Time{})
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, "second, outside p", all[1].Subject, "oldest first")
	later, err := r.Log([]string{"."}, time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Len(t, later, 1, "--since's date counts from midnight")

	_, err = r.Resolve("--output=x")
	var ge *Error
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, BadRev, ge.Kind, "an option is not a revision")
	_, err = r.Rel(filepath.Dir(dir))
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, OutsideRepo, ge.Kind)
	rel, err := r.Rel(filepath.Join(dir, "p", "sub"))
	require.NoError(t, err)
	assert.Equal(t, "p/sub", rel)
}
