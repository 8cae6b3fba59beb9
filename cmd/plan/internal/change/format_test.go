package change

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSplitRev: plan diff takes its first argument as the revision unless
// a file or folder of that name exists, as its help says.
func TestSplitRev(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.Mkdir("packets", 0o755))
	require.NoError(t, os.Mkdir("main", 0o755))
	for _, c := range []struct {
		args  []string
		rev   string
		paths []string
	}{
		{nil, "", nil},
		{[]string{"HEAD~1"}, "HEAD~1", []string{}},
		{[]string{"HEAD~1", "packets"}, "HEAD~1", []string{"packets"}},
		{[]string{"packets"}, "", []string{"packets"}},
		{[]string{"packets", "other"}, "", []string{"packets", "other"}},
		{[]string{"main", "packets"}, "", []string{"main", "packets"}}, // a folder named like a branch is the folder
	} {
		rev, paths := SplitRev(c.args)
		assert.Equal(t, c.rev, rev, "%q", c.args)
		assert.Equal(t, c.paths, paths, "%q", c.args)
	}
}
