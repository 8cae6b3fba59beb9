package change

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

// TestHistoryCodex200 reads 200 commits of the codex folder (copied into a
// temporary repository when ../shared has it; each commit flips one
// packet's status line). It asserts that each file version is read once
// and logs the time; run it with -v to see the numbers. It is skipped
// with -short: making 200 commits spawns 400 git processes.
func TestHistoryCodex200(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: making 200 commits takes a few seconds")
	}
	src := filepath.Join(pkgDir, "..", "..", "..", "..", "..", "shared", "corpora", "codex-work-packets")
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/corpora/codex-work-packets is not here")
	}
	r := newRepo(t)
	var files []string
	require.NoError(t, filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			rel, _ := filepath.Rel(src, p)
			data, _ := os.ReadFile(p)
			r.write("packets/"+filepath.ToSlash(rel), string(data))
			if strings.HasSuffix(p, ".md") && !strings.HasSuffix(p, "TEMPLATE.md") {
				files = append(files, "packets/"+filepath.ToSlash(rel))
			}
		}
		return err
	}))
	r.commit("2026-01-05", "the codex folder")
	day := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for i := 1; i < 200; i++ {
		f := filepath.Join(r.dir, files[i%len(files)])
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		// A trailing line makes a new version of the file each time.
		require.NoError(t, os.WriteFile(f, append(data, []byte("\n<!-- edit "+string(rune('a'+i%26))+" -->\n")...), 0o644))
		r.commit(day.AddDate(0, 0, i/3).Format("2006-01-02"), "edit")
	}
	start := time.Now()
	rd, err := NewReader([]string{"packets"}, parser.Options{})
	require.NoError(t, err)
	defer rd.Close()
	v, err := rd.ReadVersions(time.Time{})
	require.NoError(t, err)
	read := time.Since(start)
	points, err := History(v, HistoryOptions{Forecast: true})
	require.NoError(t, err)
	require.Len(t, points, 200)
	require.Equal(t, len(files)+1+199, rd.BlobReads(), "each file version read once")
	t.Logf("200 commits, %d file versions: read and parsed in %v, history with 10,000-iteration forecasts in %v",
		rd.BlobReads(), read, time.Since(start))
}
