package parser

import (
	"fmt"
	"reflect"
	"strings"
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
	a := k.pendingList(2)
	b := k.pendingList(1)
	a = append(a, pendingRow{lineNo: 1}, pendingRow{lineNo: 2})
	b = append(b, pendingRow{lineNo: 10})
	a = append(a, pendingRow{lineNo: 3}) // past its capacity
	require.Len(t, a, 3)
	assert.Equal(t, 10, b[0].line())
	assert.Equal(t, []int{1, 2, 3}, []int{a[0].line(), a[1].line(), a[2].line()})

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
	assert.Equal(t, k.sharedText(done[:]), k.sharedText(string([]byte(done))), "an interned text is shared")
}

// TestPendingRowHoldsNoPointer: the rows Load keeps until every file is
// read hold their texts by place in the keeper, not by pointer, so that
// the garbage collector does not go over several hundred thousand of them
// at every cycle (see keptText); a string or pointer field added to
// pendingRow would undo that without changing any output.
func TestPendingRowHoldsNoPointer(t *testing.T) {
	var walk func(reflect.Type, string)
	walk = func(typ reflect.Type, path string) {
		switch typ.Kind() {
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				walk(f.Type, path+"."+f.Name)
			}
		case reflect.Array:
			walk(typ.Elem(), path+"[]")
		case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		default:
			t.Errorf("pendingRow%s is a %s, which holds a pointer", path, typ.Kind())
		}
	}
	walk(reflect.TypeFor[pendingRow](), "")
	assert.LessOrEqual(t, unsafe.Sizeof(pendingRow{}), uintptr(40), "a pendingRow's size")
}

// TestKeptTextsShareTheirName: a row whose dependency cell is just its ID
// keeps one text, its IDs cut from its name.
func TestKeptTextsShareTheirName(t *testing.T) {
	k := newKeeper()
	name := k.keepText("Auth API (WP-012)")
	ids := k.idsText(name, []string{"WP-012"})
	assert.Equal(t, "WP-012", k.string(ids))
	assert.Equal(t, name.chunk, ids.chunk)
	assert.Equal(t, "WP-012 WP-013", k.string(k.idsText(name, []string{"WP-012", "WP-013"})))
	long := strings.Repeat("x", chunkBytes)
	assert.Equal(t, long, k.string(k.keepText(long)), "a text longer than a chunk")
	assert.Equal(t, "Auth API (WP-012)", k.string(name))
	assert.Empty(t, k.string(keptText{}))
}
