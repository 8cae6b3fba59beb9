package graph

import "container/heap"

// heapOf is a slice of items ordered by less, for container/heap: the
// build order's and the cut search's heaps. less must be a strict order;
// with a total one, the order items come out in does not depend on the
// order they went in.
type heapOf[T any] struct {
	items []T
	less  func(a, b T) bool
}

func (h *heapOf[T]) Len() int           { return len(h.items) }
func (h *heapOf[T]) Less(i, j int) bool { return h.less(h.items[i], h.items[j]) }
func (h *heapOf[T]) Swap(i, j int)      { h.items[i], h.items[j] = h.items[j], h.items[i] }
func (h *heapOf[T]) Push(x any)         { h.items = append(h.items, x.(T)) }

func (h *heapOf[T]) Pop() any {
	last := len(h.items) - 1
	x := h.items[last]
	h.items = h.items[:last]
	return x
}

// init is container/heap's Init. push and pop are its Push and Pop
// without boxing every item in an interface (an allocation for each
// int above 255): the item goes in or out at the end of the slice, and
// heap.Fix moves the one out of place.
func (h *heapOf[T]) init() { heap.Init(h) }

func (h *heapOf[T]) push(x T) {
	h.items = append(h.items, x)
	heap.Fix(h, len(h.items)-1)
}

// pop removes and returns the least item; the heap must not be empty.
func (h *heapOf[T]) pop() T {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	if last > 0 {
		heap.Fix(h, 0)
	}
	return top
}
