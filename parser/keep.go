package parser

import (
	"strings"
	"unsafe"
)

// keeper holds what one reading worker keeps of the files it reads: the
// packets, their externals, efforts and pending rows, and the texts they
// hold. It shares the few texts that status cells and external
// dependencies repeat ("✅ Complete", "PostgreSQL"), and it puts what it
// keeps side by side in chunks of its own instead of one small object
// each among goldmark's garbage. (Scattered, a folder of 100,000 packets
// kept 64 MB of objects in 89 MB of the heap's spans, and under plan's
// soft memory limit those 25 MB are what the collector lacks.)
//
// A nil keeper allocates each value on its own (Parse and resolve read one
// file). Strings are carved from byte chunks that are written once and
// never changed afterwards, which is what unsafe.String asks.
type keeper struct {
	interned  map[string]string
	bytes     []byte
	packets   []Packet
	externals []External
	pending   []pendingRow
	efforts   []Effort
}

func newKeeper() *keeper { return &keeper{interned: map[string]string{}} }

// maxInterned bounds a keeper's shared texts: a folder whose cells are
// all different would otherwise keep a map entry for each beside the
// text.
const maxInterned = 1 << 16

// Chunk sizes: each about 8 to 32 KB, so that a worker wastes at most a
// chunk of each kind at the end, and a text or list that is larger is
// allocated on its own.
const (
	chunkBytes = 8 << 10
	chunkItems = 32
)

// str returns s shared with an earlier equal text, or kept.
func (k *keeper) str(s string) string {
	if k == nil {
		return strings.Clone(s)
	}
	if t, ok := k.interned[s]; ok {
		return t
	}
	s = k.copyStr(s)
	if len(k.interned) < maxInterned {
		k.interned[s] = s
	}
	return s
}

// copyStr returns a copy of s in the keeper's chunks (it may be cut
// from a buffer that is reused, or sit among garbage).
func (k *keeper) copyStr(s string) string {
	if k == nil || len(s) > chunkBytes/8 {
		return strings.Clone(s)
	}
	if s == "" {
		return ""
	}
	if cap(k.bytes)-len(k.bytes) < len(s) {
		k.bytes = make([]byte, 0, chunkBytes)
	}
	off := len(k.bytes)
	k.bytes = append(k.bytes, s...)
	return unsafe.String(&k.bytes[off], len(s))
}

// rows shares the status cells of rows.
func (k *keeper) rows(rows []depRow) {
	for i := range rows {
		rows[i].status = k.str(rows[i].status)
	}
}

// carve returns an empty slice of capacity n cut from *chunk (a new chunk
// when it has no room), whose appends past n move it out of the chunk.
func carve[T any](chunk *[]T, n int) []T {
	if n > chunkItems/4 {
		return make([]T, 0, n)
	}
	if cap(*chunk)-len(*chunk) < n {
		*chunk = make([]T, 0, chunkItems)
	}
	c := *chunk
	*chunk = c[:len(c)+n]
	return c[len(c) : len(c) : len(c)+n]
}

// externalList returns an empty list for n externals.
func (k *keeper) externalList(n int) []External {
	if k == nil {
		return make([]External, 0, n)
	}
	return carve(&k.externals, n)
}

// pendingList returns an empty list for n pending rows.
func (k *keeper) pendingList(n int) []pendingRow {
	if k == nil {
		return make([]pendingRow, 0, n)
	}
	return carve(&k.pending, n)
}

// keep moves a packet the parser made into the keeper's chunks, with its
// ID, title and effort, and returns it.
func (k *keeper) keep(p *Packet) *Packet {
	if k == nil {
		return p
	}
	q := &carve(&k.packets, 1)[:1][0]
	*q = *p
	q.ID, q.Title = k.copyStr(p.ID), k.copyStr(p.Title)
	if p.Effort != nil {
		e := &carve(&k.efforts, 1)[:1][0]
		*e = *p.Effort
		q.Effort = e
	}
	return q
}
