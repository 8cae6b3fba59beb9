package report

import (
	"fmt"

	"github.com/workpackets/plan/parser"
)

// CheckResult is what plan check found, counted once for every format,
// the summary line and the exit status.
type CheckResult struct {
	// Packets is how many packets were read.
	Packets int
	// Problems are the problems found, those not in the baseline when
	// there is one; Errors and Warnings count them.
	Problems         []parser.Problem
	Errors, Warnings int
	// Baseline is nil without --baseline.
	Baseline *CheckBaseline
}

// Check counts a's problems, leaving out those that baseline (read from
// the file baselinePath; nil for none) knows.
func Check(a *Analysis, baseline *BaselineFile, baselinePath string) CheckResult {
	r := CheckResult{Packets: len(a.Set.Packets), Problems: a.Problems}
	if baseline != nil {
		b := &CheckBaseline{File: baselinePath}
		r.Problems, b.Known, b.Stale = ApplyBaseline(a.Problems, *baseline)
		r.Baseline = b
	}
	r.Errors, r.Warnings = CountProblems(r.Problems)
	return r
}

// Errs are the error-severity problems, all that -q shows.
func (r CheckResult) Errs() []parser.Problem {
	var out []parser.Problem
	for _, p := range r.Problems {
		if p.Severity == parser.Error {
			out = append(out, p)
		}
	}
	return out
}

// Stale are the baseline's entries that no longer occur.
func (r CheckResult) Stale() []BaselineEntry {
	if r.Baseline == nil {
		return nil
	}
	return r.Baseline.Stale
}

// Failed says whether the check fails: an error, or with strict a
// warning.
func (r CheckResult) Failed(strict bool) bool { return r.Errors > 0 || (strict && r.Warnings > 0) }

// Summary is the closing line: "11 packets, 0 errors, 2 warnings", and
// with a baseline " not in the baseline (3 known)".
func (r CheckResult) Summary() string {
	s := fmt.Sprintf("%s, %s, %s", Plural(r.Packets, "packet"), Plural(r.Errors, "error"), Plural(r.Warnings, "warning"))
	if r.Baseline != nil {
		s += fmt.Sprintf(" not in the baseline (%d known)", r.Baseline.Known)
	}
	return s
}

// Hint says how to fix the first error-severity problem, or with strict
// the warnings; "" when there is nothing to say.
func (r CheckResult) Hint(strict bool) string {
	for _, p := range r.Errs() {
		switch p.Code {
		case parser.CodeCycle:
			return "remove or move to the Optional table one of the rows the cycle message lists"
		case parser.CodeDuplicateID:
			return "give each packet its own ID in its title (or id: in front matter), or leave the copy out with ignore: in plan.yaml"
		}
	}
	if strict {
		return "fix the warnings above, or drop --strict"
	}
	return ""
}

// StaleWarning says that the baseline entry s of the file baselinePath no
// longer occurs.
func StaleWarning(baselinePath string, s BaselineEntry) string {
	return fmt.Sprintf("%s: %s no longer occurs; remove it from the baseline", cleanPath(baselinePath), clean(s.String()))
}

// StaleHint says what to do about stale baseline entries.
func StaleHint(baselinePath string) string {
	return fmt.Sprintf("delete those entries, or rewrite the file with 'plan check --write-baseline %s' when no new problem is reported", cleanPath(baselinePath))
}

// WroteBaseline says that n known problems were written to the file name.
func WroteBaseline(n int, name string) string {
	return fmt.Sprintf("wrote %s to %s", Plural(n, "known problem"), cleanPath(name))
}
