package parser

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKeeperListsStayApart: lists cut from one chunk never share an
// element: appending past a list's capacity moves it out, leaving its
// neighbour as it was, and a kept text stays as it was written when more
// texts fill and overflow its chunk.
func TestKeeperListsStayApart(t *testing.T) {
	k := newKeeper()
	a := k.externalList(2)
	b := k.externalList(1)
	a = append(a, External{Name: "a1"}, External{Name: "a2"})
	b = append(b, External{Name: "b1"})
	a = append(a, External{Name: "a3"}) // past its capacity
	require.Len(t, a, 3)
	assert.Equal(t, "b1", b[0].Name)
	assert.Equal(t, []string{"a1", "a2", "a3"}, []string{a[0].Name, a[1].Name, a[2].Name})

	first := k.copyStr("WP-001")
	var texts []string
	for i := range 3 * chunkBytes / 10 {
		texts = append(texts, k.copyStr(fmt.Sprintf("text %05d", i)))
	}
	assert.Equal(t, "WP-001", first)
	for i, s := range texts {
		require.Equal(t, fmt.Sprintf("text %05d", i), s)
	}
	done := "✅ Complete"
	assert.Same(t, unsafe.StringData(k.str(done[:])), unsafe.StringData(k.str(string([]byte(done)))), "an interned text is shared")
}
