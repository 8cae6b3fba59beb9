// Package schedule plans unfinished work: the critical path method (CPM),
// Monte Carlo completion forecasts, a deterministic team list schedule,
// sprint assignment and working-day calendars.
//
// Everything works on a [Network], a small acyclic task graph that is
// independent of the graph package: each [Task] carries its remaining
// effort as a [parser.Effort] range in working days and the indices of the
// tasks that must finish before it starts. A Network is validated on use;
// a cycle, an out-of-range predecessor, a duplicate ID or a malformed effort
// is returned as an error, never a panic. All algorithms are iterative (a
// 100,000-task chain is fine) and deterministic: ties are broken by task ID
// and randomness is seeded.
//
// Units: durations, starts and finishes are working days counted from day 0,
// the start of the first working day. A [Calendar] turns them into dates.
package schedule
