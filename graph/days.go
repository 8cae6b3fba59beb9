package graph

import (
	"math"
	"strconv"

	"github.com/workpackets/plan/parser"
)

// RoundDays rounds a number of days as every format for people prints it:
// to one decimal, halves away from zero. It is never negative zero: float
// noise just below zero (a latest start of -5e-17) reads as 0, not -0.
func RoundDays(x float64) float64 {
	r := math.Round(x*10) / 10
	if r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}

// Days formats a number of days for people: RoundDays with no trailing
// zeros (3, 2.5, 6.2). Text, Markdown, CSV, the pictures' labels, the
// diff and the history all print days with it; JSON keeps more decimals
// (see plan help json).
func Days(x float64) string {
	return strconv.FormatFloat(RoundDays(x), 'f', -1, 64)
}

// EffortText formats an estimate for people: "3-4d", "5d" or "2-8d
// (likely 3)". Bounds that round to the same day print once.
func EffortText(e parser.Effort) string {
	low, high := Days(e.Low), Days(e.High)
	s := low + "d"
	if low != high {
		s = low + "-" + high + "d"
	}
	if e.HasLikely {
		s += " (likely " + Days(e.Likely) + ")"
	}
	return s
}
