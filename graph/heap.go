package graph

// binaryHeap is a binary min-heap ordered by less: container/heap's
// algorithm without its interface calls and the boxing of every item,
// which the build order (one push and pop per packet) and the cut search
// paid for on every folder. less must be a strict order; with a total
// one, the order items come out in does not depend on the order they
// went in.
type binaryHeap[T any] struct {
	items []T
	less  func(a, b T) bool
}

// init makes a heap of items put in place without push.
func (h *binaryHeap[T]) init() {
	for i := len(h.items)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *binaryHeap[T]) push(x T) {
	h.items = append(h.items, x)
	for j := len(h.items) - 1; j > 0; {
		i := (j - 1) / 2
		if !h.less(h.items[j], h.items[i]) {
			break
		}
		h.items[i], h.items[j] = h.items[j], h.items[i]
		j = i
	}
}

// pop removes and returns the least item; the heap must not be empty.
func (h *binaryHeap[T]) pop() T {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	h.down(0)
	return top
}

func (h *binaryHeap[T]) down(i int) {
	n := len(h.items)
	for {
		j := 2*i + 1
		if j >= n {
			return
		}
		if r := j + 1; r < n && h.less(h.items[r], h.items[j]) {
			j = r
		}
		if !h.less(h.items[j], h.items[i]) {
			return
		}
		h.items[i], h.items[j] = h.items[j], h.items[i]
		i = j
	}
}
