package help

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryTopicHasAPage checks that plan help lists every page and every
// listed topic has one (config's is the config command's help).
func TestEveryTopicHasAPage(t *testing.T) {
	listed := map[string]bool{}
	for _, topic := range Topics() {
		listed[topic.Name] = true
		page, ok := Page(topic.Name)
		if topic.Name == "config" {
			assert.False(t, ok, "config is the config command's help")
			continue
		}
		require.True(t, ok, "plan help %s has no page", topic.Name)
		assert.True(t, strings.HasPrefix(page, "# "), "plan help %s starts with its title", topic.Name)
	}
	files, err := fs.Glob(topicFiles, "topics/*.md")
	require.NoError(t, err)
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "topics/"), ".md")
		assert.True(t, listed[name], "%s is not listed in Topics, so plan help does not name it", f)
	}
	_, ok := Page("nonsense")
	assert.False(t, ok)
	_, ok = Schema("../topics/json")
	assert.False(t, ok, "a schema name is a name, not a path")
}
