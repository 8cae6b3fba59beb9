package report

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeBaseline: a baseline file reads back, and each way a file is
// not one is said, with whether writing it again mends it.
func TestDecodeBaseline(t *testing.T) {
	b, err := DecodeBaseline([]byte(`{"schema_version": 1, "problems": [{"code": "cycle", "packet": "A-1", "count": 2}]}`))
	require.NoError(t, err)
	assert.Equal(t, BaselineFile{SchemaVersion: 1, Problems: []BaselineEntry{{Code: "cycle", Packet: "A-1", Count: 2}}}, b)

	tests := []struct {
		data, msg string
		rewrite   bool
	}{
		{`[1, 2]`, "not a baseline file: json: cannot unmarshal array into Go value of type report.BaselineFile", true},
		{`{"schema_version": 2, "problems": []}`, "schema_version 2, want 1", true},
		{`{"schema_version": 1, "problems": [{"code": "cycle"}, {"packet": "A-1"}]}`, "entry 2 has no code", false},
	}
	for _, tt := range tests {
		_, err := DecodeBaseline([]byte(tt.data))
		var be *BaselineError
		require.True(t, errors.As(err, &be), "%s: %v", tt.data, err)
		assert.Equal(t, tt.msg, be.Msg)
		assert.Equal(t, tt.rewrite, be.Rewrite, tt.data)
	}
}
