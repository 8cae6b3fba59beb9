package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"plan": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
		// exitcode N CMD ARGS... runs CMD and succeeds only when it exits
		// with code N, so scripts can tell exit 1 from exit 2.
		"exitcode": exitCodeMain,
	})
}

// TestScripts runs the end-to-end stories in testdata/script. Each script
// starts in a work directory holding copies of the example folders
// (example, cycles, duplicates, dangling), so paths print as a user in a
// repository would see them. When ../shared/corpora is present, $CORPUS
// points at a copy of the real folder; scripts that need it skip otherwise.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "script"),
		Setup: func(env *testscript.Env) error {
			for _, dir := range []string{"example", "cycles", "duplicates", "dangling"} {
				if err := copyTree(filepath.Join("..", "..", "testdata", dir), filepath.Join(env.WorkDir, dir)); err != nil {
					return err
				}
			}
			corpus := filepath.Join("..", "..", "..", "shared", "corpora", "codex-work-packets")
			if _, err := os.Stat(corpus); err == nil {
				if err := copyTree(corpus, filepath.Join(env.WorkDir, "corpus")); err != nil {
					return err
				}
				env.Setenv("CORPUS", "corpus")
			}
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "corpus":
				_, err := os.Stat(filepath.Join("..", "..", "..", "shared", "corpora", "codex-work-packets"))
				return err == nil, nil
			}
			return false, nil
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

func exitCodeMain() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: exitcode N command [args...]")
		os.Exit(2)
	}
	want, err := strconv.Atoi(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "exitcode:", err)
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	got := 0
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			fmt.Fprintln(os.Stderr, "exitcode:", err)
			os.Exit(2)
		}
		got = ee.ExitCode()
	}
	if got != want {
		fmt.Fprintf(os.Stderr, "exitcode: %s exited with %d, want %d\n", os.Args[2], got, want)
		os.Exit(1)
	}
	os.Exit(0)
}

// copyTree copies the regular files under src to dst, keeping the layout.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
