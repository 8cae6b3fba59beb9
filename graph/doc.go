// Package graph turns parsed work packets into a dependency graph and answers
// the planner's questions about it: build order, waves, cycles and the rows to
// change to break them, blocked and ready packets, effective priority, and a
// Graphviz DOT drawing.
//
// Packets are nodes. A required reference is an edge from the dependency to
// the packet that requires it; optional references are drawn but never block,
// order or schedule anything. References to IDs outside the packet set are
// ignored (the parser reports them). Complete packets are finished; every
// other packet is unfinished.
//
// Cycles are found as strongly connected components with gonum's topo
// package. Each cycle gets a cut: the smallest set of rows whose removal
// breaks it, found exactly for small components and by a stated greedy
// heuristic for large ones. Every other answer is still produced when cycles
// are present: the cut edges are left out of [Graph.DAGRequires] and
// [Graph.Waves], and [Graph.Order] keeps the members of a cycle together.
//
// All algorithms are iterative or bounded in depth, all results are sorted,
// and the same input always gives the same output. Nothing here prints.
package graph
