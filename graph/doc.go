// Package graph turns parsed work packets into a dependency graph and answers
// the planner's questions about it: build order, waves, cycles and the rows to
// change to break them, blocked and ready packets, effective priority, and a
// Graphviz DOT drawing or a Mermaid flowchart with the same meaning.
//
// Packets are nodes. A required reference is an edge from the dependency to
// the packet that requires it; optional references are drawn but never block,
// order or schedule anything. References to IDs outside the packet set are
// ignored (the parser reports them). Complete packets are finished and
// cancelled ones are no work (neither is ordered, ready, blocked, or in a
// schedule); every other packet is unfinished. A packet whose own Status
// says Blocked is blocked even when no row says by what.
//
// Cycles are found as strongly connected components with gonum's topo
// package. Each cycle gets a cut: a set of rows whose removal breaks it.
// It is the smallest such set, proven by exhaustive search, for small
// components and whenever the search is affordable; otherwise it comes from a
// greedy heuristic and [Cycle.Exact] is false. Every other answer is still produced when cycles
// are present: the cut edges are left out of [Graph.DAGRequires] and
// [Graph.Waves], and [Graph.Order] keeps the members of a cycle together.
//
// All algorithms here are iterative; gonum's TarjanSCC recurses once per
// packet of a chain, which Go's growable stack absorbs (a 100,000-packet
// chain needs under 32 MB of its 1 GB limit). All results are sorted, and
// the same input always gives the same output. Nothing here prints.
package graph
