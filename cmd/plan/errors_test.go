package main

import (
	"bytes"
	"errors"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorKinds checks that each kind of error is printed once and exits
// with its documented code, and that an error a command returns without a
// kind is reported as a failure of plan itself, asking to be reported.
func TestErrorKinds(t *testing.T) {
	bug := "plan: hint: this is a bug in plan: please report it with the command you ran and, if you can, the packets it read\n"
	tests := []struct {
		name       string
		err        error
		code       int
		wantStderr string
	}{
		{"usage", usageErrorf("try --team 3", "--team must be at least 1"), 2, "plan: error: --team must be at least 1\nplan: hint: try --team 3\n"},
		{"input", inputError(errors.New("a.md: permission denied")), 2, "plan: error: a.md: permission denied\n"},
		{"problems", &exitError{kind: kindProblems, msg: "check failed"}, 1, "plan: error: check failed\n"},
		{"internal", internalError(errors.New("boom")), 2, "plan: error: internal error: boom\n" + bug},
		{"a kind is kept", internalError(usageErrorf("", "bad")), 2, "plan: error: bad\n"},
		{"no error", nil, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			e := &streams{stderr: &stderr}
			assert.Equal(t, tt.code, e.finish(tt.err))
			assert.Equal(t, tt.wantStderr, stderr.String())
		})
	}

	t.Run("a command's error without a kind", func(t *testing.T) {
		root := &cobra.Command{Use: "plan", SilenceErrors: true, SilenceUsage: true}
		root.AddCommand(&cobra.Command{Use: "fail", RunE: func(*cobra.Command, []string) error { return errors.New("writer broke") }})
		markInternal(root)
		root.SetArgs([]string{"fail"})
		var stderr bytes.Buffer
		e := &streams{stderr: &stderr}
		require.Equal(t, 2, e.finish(root.Execute()))
		assert.Equal(t, "plan: error: internal error: writer broke\n"+bug, stderr.String())
	})
	t.Run("cobra's own errors stay usage errors", func(t *testing.T) {
		code, _, stderr := runPlan("--no-such-flag")
		assert.Equal(t, 2, code)
		assert.NotContains(t, stderr, "internal error")
	})
}
