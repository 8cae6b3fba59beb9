package parser

import (
	"strings"
	"unsafe"
)

// keeper holds what one reading worker keeps of the files it reads: the
// packets, their efforts and pending rows, and the texts they
// hold. It shares the few texts that status cells and external
// dependencies repeat ("✅ Complete", "PostgreSQL"), and it puts what it
// keeps side by side in chunks of its own instead of one small object
// each among goldmark's garbage. (Scattered, a folder of 100,000 packets
// kept 64 MB of objects in 89 MB of the heap's spans, and under plan's
// soft memory limit those 25 MB are what the collector lacks.)
//
// Strings are carved from byte chunks that are written once and never
// changed afterwards, which is what unsafe.String asks.
type keeper struct {
	// shared are the texts that are shared (see sharedText); interned holds the
	// index in shared of each.
	shared   []keptText
	interned map[string]uint32
	// chunks hold the kept texts: each is written into the last chunk
	// made for small texts (at index small-1, used bytes of it taken;
	// small is 0 before the first), a large text into a chunk of its own.
	chunks  [][]byte
	small   int
	used    int
	packets []Packet
	pending []pendingRow
	efforts []Effort
	// sc is the keeper's scratch for reading its files: its own, not
	// the pool's, so that what parseSource hands back to it (the rows'
	// room) is there for the keeper's next file only.
	sc *scratch
	// linked are where the parts of each pending row with a link are in
	// linkedItems (see pendingRow.linked).
	linked      []linkedSpan
	linkedItems []linkedItem
}

// keptText is a string that a keeper holds, named by where it is in the
// keeper's chunks instead of by a pointer: a record made only of texts and
// numbers (pendingRow) holds no pointer, so the garbage collector never
// looks into it. At 100,000 packets the pending rows are a third of the
// pointers on the heap at the end of reading, and under plan's soft
// memory limit the collector goes over them at every cycle. The zero
// keptText is "".
type keptText struct{ chunk, off, n uint32 }

func newKeeper() *keeper { return &keeper{interned: map[string]uint32{}} }

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

// sharedText is s kept, shared with an earlier equal text.
func (k *keeper) sharedText(s string) keptText { return k.shared[k.sharedIndex(s)] }

// sharedIndex is the index in k.shared of sharedText(s).
func (k *keeper) sharedIndex(s string) uint32 {
	if i, ok := k.interned[s]; ok {
		return i
	}
	t := k.keepText(s)
	i := uint32(len(k.shared))
	k.shared = append(k.shared, t)
	if len(k.interned) < maxInterned {
		k.interned[k.string(t)] = i
	}
	return i
}

// copyStr returns a copy of s in the keeper's chunks (it may be cut
// from a buffer that is reused, or sit among garbage).
func (k *keeper) copyStr(s string) string { return k.string(k.keepText(s)) }

// keepText copies s into the keeper's chunks.
func (k *keeper) keepText(s string) keptText {
	if s == "" {
		return keptText{}
	}
	if len(s) > chunkBytes/8 {
		k.chunks = append(k.chunks, []byte(s))
		return keptText{chunk: uint32(len(k.chunks) - 1), n: uint32(len(s))}
	}
	if k.small == 0 || chunkBytes-k.used < len(s) {
		k.chunks = append(k.chunks, make([]byte, chunkBytes))
		k.small, k.used = len(k.chunks), 0
	}
	off := k.used
	k.used += copy(k.chunks[k.small-1][off:], s)
	return keptText{chunk: uint32(k.small - 1), off: uint32(off), n: uint32(len(s))}
}

// keepJoined keeps strings.Join(ids, " ").
func (k *keeper) keepJoined(ids []string) keptText {
	switch len(ids) {
	case 0:
		return keptText{}
	case 1:
		return k.keepText(ids[0])
	}
	return k.keepText(strings.Join(ids, " "))
}

// idsText keeps the IDs of a row (ids joined by spaces), cut from the
// row's kept name when that holds them: a row's dependency cell is most
// often just the ID ("GEN-044654"), and a copy of it would be a second
// text for each of several hundred thousand rows.
func (k *keeper) idsText(name keptText, ids []string) keptText {
	if len(ids) == 1 {
		if i := strings.Index(k.string(name), ids[0]); i >= 0 {
			return name.sub(i, len(ids[0]))
		}
	}
	return k.keepJoined(ids)
}

// scratch returns the keeper's scratch, made at the first file.
func (k *keeper) scratch() *scratch {
	if k.sc == nil {
		k.sc = new(scratch)
	}
	return k.sc
}

// string is the text t.
func (k *keeper) string(t keptText) string {
	if t.n == 0 {
		return ""
	}
	return unsafe.String(&k.chunks[t.chunk][t.off], int(t.n))
}

// sub is the text of t's bytes [i, i+n).
func (t keptText) sub(i, n int) keptText {
	if n == 0 {
		return keptText{}
	}
	return keptText{chunk: t.chunk, off: t.off + uint32(i), n: uint32(n)}
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

// pendingList returns an empty list for n pending rows.
func (k *keeper) pendingList(n int) []pendingRow { return carve(&k.pending, n) }

// keep moves a packet the parser made into the keeper's chunks, with its
// ID, title and effort, and returns it.
func (k *keeper) keep(p *Packet) *Packet {
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
