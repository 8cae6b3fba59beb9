package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"format", "format", 0},
		{"fromat", "format", 2},
		{"formt", "format", 1},
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Distance(tt.a, tt.b), "%q ~ %q", tt.a, tt.b)
		assert.Equal(t, tt.want, Distance(tt.b, tt.a), "%q ~ %q", tt.b, tt.a)
	}
}

func TestFlag(t *testing.T) {
	names := []string{"all", "format", "json", "max-file-size", "quiet", "verbose"}
	tests := []struct{ typed, want string }{
		{"fromat", "format"},
		{"jsno", "json"},
		{"max", "max-file-size"}, // a prefix counts as one edit
		{"verbos", "verbose"},
		{"q", ""}, // one letter is too short to guess from
		{"zzzzzz", ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Flag(tt.typed, names), tt.typed)
	}
	// Equally near: the first in alphabetical order, whatever the order given.
	assert.Equal(t, "bat", Flag("cat", []string{"hat", "bat"}))
}

func TestID(t *testing.T) {
	ids := []string{"BE-PAY-001", "BE-PAY-002", "FE-LOGIN-001"}
	assert.Equal(t, "BE-PAY-001", ID("be-pay-01", ids), "any case, one edit")
	assert.Equal(t, "BE-PAY-001", ID("BE-PAY-003", ids), "equally near: the first given")
	assert.Equal(t, "", ID("NOPE-1", ids))
	assert.Equal(t, "", ID("BE", ids), "a prefix is no suggestion for an ID")
}
