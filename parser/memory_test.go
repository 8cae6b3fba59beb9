package parser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadFilesAgreesWithLoad reads each example folder from disk and from
// memory: the packets, their resolved rows and the problems are the same.
func TestLoadFilesAgreesWithLoad(t *testing.T) {
	for _, dir := range []string{"example", "cycles", "dangling", "duplicates", "crlf"} {
		t.Run(dir, func(t *testing.T) {
			root := filepath.Join("..", "testdata", dir)
			want, errs := Load([]string{root}, Options{})
			require.Empty(t, errs)
			var files []File
			for _, name := range want.Files {
				data, err := os.ReadFile(name)
				require.NoError(t, err)
				files = append(files, File{Name: name, Data: data})
			}
			// Reverse order: the Set must not depend on it.
			for i, j := 0, len(files)-1; i < j; i, j = i+1, j-1 {
				files[i], files[j] = files[j], files[i]
			}
			got := LoadFiles(files, Options{})
			assert.Equal(t, want, got)
		})
	}
}

func TestLoadFilesSkipsTooLarge(t *testing.T) {
	set := LoadFiles([]File{{Name: "big.md", Data: make([]byte, 100)}}, Options{MaxFileSize: 10})
	assert.Equal(t, []string{"big.md"}, set.Skipped)
	require.Len(t, set.Problems, 1)
	assert.Contains(t, set.Problems[0].Message, "larger than")
}
