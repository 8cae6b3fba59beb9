package report

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/workpackets/plan/parser"
)

func TestPacketFileName(t *testing.T) {
	assert.Equal(t, "P1-A-001-search-service.md", PacketFileName("P1-A-001", "Search Service"))
	assert.Equal(t, "P1-A-001-caf-ordering-v2.md", PacketFileName("P1-A-001", "Café Ordering (v2)!"))
	assert.Equal(t, "P1-A-001.md", PacketFileName("P1-A-001", "检索"))
	long := PacketFileName("P1-A-001", strings.Repeat("word ", 30))
	assert.LessOrEqual(t, len(long), len("P1-A-001-")+45)
}

func TestPriorityCode(t *testing.T) {
	assert.Equal(t, "P1", PriorityCode("high"))
	assert.Equal(t, "P2", PriorityCode("P2"))
	assert.Equal(t, "", PriorityCode(""))
	assert.Equal(t, "whenever", PriorityCode("whenever"), "a value plan does not read is left for the read-back check")
}

// TestNewPacketText: the packet reads back with the fields and
// dependencies given, a title with markdown in it included, and a request
// that cannot read back is the user's to change, not a failure of plan.
func TestNewPacketText(t *testing.T) {
	dep := &parser.Packet{ID: "DEP-001", Title: "Pipe | and *stars*", Status: parser.Complete}
	np := NewPacket{ID: "NEW-001", Title: "Fish & Chips | *now*", Priority: "P2", Effort: "2d",
		Requires: []string{"DEP-001"}, ByID: map[string]*parser.Packet{"DEP-001": dep}, Updated: "2026-12-02"}
	doc, err := NewPacketText(np)
	require.NoError(t, err)
	assert.Contains(t, string(doc), "# NEW-001: Fish & Chips \\| \\*now\\*\n")
	assert.Contains(t, string(doc), "| Pipe \\| and \\*stars\\* (DEP-001) | ✅ Complete |")
	assert.Contains(t, string(doc), "2026-12-02")
	p, probs := parser.Parse("NEW-001.md", doc)
	require.NotNil(t, p)
	assert.Empty(t, probs)
	assert.Equal(t, np.Title, p.Title)
	require.Len(t, p.Requires, 1)
	assert.Equal(t, "DEP-001", p.Requires[0].ID)

	np.Priority, np.Effort = "", ""
	doc, err = NewPacketText(np)
	require.NoError(t, err, "TBD fields are allowed")
	assert.Contains(t, string(doc), "TBD")

	np.Effort = "soon"
	_, err = NewPacketText(np)
	var ne *NewPacketError
	require.True(t, errors.As(err, &ne), "%v", err)
	assert.NotEmpty(t, ne.Hint)
}

func TestMarkdownText(t *testing.T) {
	assert.Equal(t, `a \| b \*c\* \_d\_ \[e\](f) \<g\> \~h\~ \#i \\j`, markdownText(`a | b *c* _d_ [e](f) <g> ~h~ #i \j`))
	assert.Equal(t, `Fish & Chips, \&amp; \&\#38;`, markdownText("Fish & Chips, &amp; &#38;"), "& only where it starts an entity")
}
