package graph

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/workpackets/plan/parser"
)

// TestDays: one decimal at most, halves away from zero (a quarter day
// reads the same in every format), never "-0".
func TestDays(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{-5.551115123125783e-17, "0"}, // a latest start of 0.1+0.1+0.7 days computed backwards
		{-0.04, "0"},
		{-0.06, "-0.1"},
		{0.25, "0.3"},
		{2.25, "2.3"},
		{1.05, "1.1"}, // 1.05 is 1.0500000000000000444 in binary
		{3, "3"},
		{6.2, "6.2"},
		{1.8333, "1.8"},
		{4.000000000001, "4"},
	} {
		assert.Equal(t, c.want, Days(c.in), "Days(%v)", c.in)
		assert.False(t, math.Signbit(RoundDays(c.in)) && RoundDays(c.in) == 0, "RoundDays(%v) is -0", c.in)
	}
}

func TestEffortText(t *testing.T) {
	for _, c := range []struct {
		in   parser.Effort
		want string
	}{
		{parser.Effort{Low: 3, High: 4}, "3-4d"},
		{parser.Effort{Low: 5, High: 5}, "5d"},
		{parser.Effort{Low: 2, High: 8, Likely: 3, HasLikely: true}, "2-8d (likely 3)"},
		{parser.Effort{Low: 1.01, High: 1.04}, "1d"}, // bounds that round alike print once
		{parser.Effort{Low: 0.25, High: 1.25}, "0.3-1.3d"},
	} {
		assert.Equal(t, c.want, EffortText(c.in), "%+v", c.in)
	}
}
