package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestByteSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
		text string
	}{
		{"512KB", 512 << 10, "512KB"},
		{"10mb", 10 << 20, "10MB"},
		{" 1 G ", 1 << 30, "1GB"},
		{"1000", 1000, "1000"},
		{"2048", 2048, "2KB"},
	} {
		n, err := ParseByteSize(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, n, tt.in)
		assert.Equal(t, tt.text, ByteSizeText(n), tt.in)
	}
	for _, bad := range []string{"", "0", "-1KB", "ten", "9223372036854775807GB"} {
		_, err := ParseByteSize(bad)
		assert.Error(t, err, bad)
	}
}

func TestParsePercentiles(t *testing.T) {
	ps, err := ParsePercentiles("50, 80,95.5")
	require.NoError(t, err)
	assert.Equal(t, []float64{50, 80, 95.5}, ps)
	_, err = ParsePercentiles("50,101")
	assert.EqualError(t, err, `--percentiles takes numbers from 0 to 100 separated by commas, not "101"`)
}

func TestPageTitle(t *testing.T) {
	assert.Equal(t, "Plan: shop", PageTitle(nil, "/home/me/shop"))
	assert.Equal(t, "Plan: shop, docs/packets", PageTitle([]string{"./", "docs/packets"}, "/home/me/shop"))
	assert.Equal(t, "Plan: .", PageTitle(nil, ""), "no current folder known")
}
