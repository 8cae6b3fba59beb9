package change

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testRepo is a git repository in a temporary folder, built commit by
// commit with the git binary.
type testRepo struct {
	t   *testing.T
	dir string
}

// newRepo makes an empty repository on branch main and changes into it.
func newRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; the history tests need the git binary")
	}
	dir := t.TempDir()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	r := &testRepo{t: t, dir: dir}
	r.git("", "init", "-q", "-b", "main")
	t.Chdir(dir)
	return r
}

// git runs git in the repository; date, when not empty, is the author and
// committer date.
func (r *testRepo) git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com")
	if date != "" {
		cmd.Env = append(cmd.Env, "GIT_AUTHOR_DATE="+date+"T12:00:00Z", "GIT_COMMITTER_DATE="+date+"T12:00:00Z")
	}
	out, err := cmd.CombinedOutput()
	require.NoError(r.t, err, "git %s: %s", strings.Join(args, " "), out)
	return strings.TrimSpace(string(out))
}

// write writes a file of the working tree.
func (r *testRepo) write(name, text string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(name))
	require.NoError(r.t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(r.t, os.WriteFile(p, []byte(text), 0o644))
}

// commit commits everything on date (YYYY-MM-DD) and returns the hash.
func (r *testRepo) commit(date, msg string) string {
	r.t.Helper()
	r.git("", "add", "-A")
	r.git(date, "commit", "-q", "-m", msg)
	return r.git("", "rev-parse", "HEAD")
}

// packet is the text of a packet file.
func packet(id, title, status, effort string, requires ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: %s\n\n**Priority**: P1\n**Status**: %s\n**Estimated Effort**: %s\n", id, title, status, effort)
	if len(requires) > 0 {
		b.WriteString("\n## Dependencies\n\n| Dependency | Status | Description |\n|---|---|---|\n")
		for _, dep := range requires {
			fmt.Fprintf(&b, "| %s | 🚧 Not Started | needed first |\n", dep)
		}
	}
	return b.String()
}

const (
	notStarted = "🚧 Not Started"
	inProgress = "🏗️ In Progress"
	complete   = "✅ Complete"
)

// storyRepo builds the history the diff, history and calibration tests
// read (dates are working days of November 2026; 2 Nov is a Monday):
//
//	1 Mon 02  A, B (requires A), C in progress (4d), D in d.md
//	2 Wed 04  A in progress
//	3 Mon 09  A complete; C's effort 4d -> 6d
//	4 Tue 10  D renamed to D-004-docs.md
//	5 Wed 11  C complete
//	6 Thu 12  C back in progress
//
// and, uncommitted, E (requires B) added and B requiring E: a cycle.
func storyRepo(t *testing.T) (r *testRepo, commits []string) {
	r = newRepo(t)
	r.write("README.md", "# Not a packet folder\n")
	r.write("packets/A-001.md", packet("A-001", "Schema", notStarted, "2 days"))
	r.write("packets/B-002.md", packet("B-002", "API on the schema", notStarted, "3-5 days", "A-001"))
	r.write("packets/C-003.md", packet("C-003", "Client", inProgress, "4 days"))
	r.write("packets/d.md", packet("D-004", "Docs", notStarted, "1 day"))
	commits = append(commits, r.commit("2026-11-02", "packets: the first four"))
	r.write("packets/A-001.md", packet("A-001", "Schema", inProgress, "2 days"))
	commits = append(commits, r.commit("2026-11-04", "A-001 started"))
	r.write("packets/A-001.md", packet("A-001", "Schema", complete, "2 days"))
	r.write("packets/C-003.md", packet("C-003", "Client", inProgress, "6 days"))
	commits = append(commits, r.commit("2026-11-09", "A-001 done; C-003 is bigger"))
	r.git("", "mv", "packets/d.md", "packets/D-004-docs.md")
	commits = append(commits, r.commit("2026-11-10", "D-004: name the file by its ID"))
	r.write("packets/C-003.md", packet("C-003", "Client", complete, "6 days"))
	commits = append(commits, r.commit("2026-11-11", "C-003 done"))
	r.write("packets/C-003.md", packet("C-003", "Client", inProgress, "6 days"))
	commits = append(commits, r.commit("2026-11-12", "C-003 reopened: the login is broken"))
	r.write("packets/E-005.md", packet("E-005", "Events", notStarted, "2-4 days", "B-002"))
	r.write("packets/B-002.md", packet("B-002", "API on the schema", notStarted, "3-5 days", "A-001", "E-005"))
	return r, commits
}
