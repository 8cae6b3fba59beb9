package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
)

// Exit codes, documented in plan help exit-codes (help/topics/exit-codes.md).
const (
	exitOK       = 0 // success; for check: no error-severity problem
	exitProblems = 1 // check found an error (or, with --strict, a warning)
	exitUsage    = 2 // bad flags or arguments, or a file or directory could not be read
)

// errKind is what went wrong, said where an error is built; exitCode
// alone turns it into the exit status.
type errKind int

const (
	// kindUsage: bad flags or arguments.
	kindUsage errKind = iota
	// kindInput: a file or folder could not be read or written, or what it
	// holds cannot be used (a bad plan.yaml, a plan that cannot be
	// scheduled, a revision git does not know).
	kindInput
	// kindProblems: the command found what it reports as a failure (check
	// found an error, sync --check a stale cell, diff --fail-on a change,
	// new a conflict with the packets).
	kindProblems
	// kindInternal: a failure inside plan, whatever its input: a bug.
	kindInternal
)

// exitCode is the one place error kinds become exit codes. An internal
// failure exits 2, as it always has: the run did not do what was asked.
func exitCode(k errKind) int {
	switch k {
	case kindProblems:
		return exitProblems
	case kindUsage, kindInput, kindInternal:
		return exitUsage
	}
	return exitUsage
}

// exitError ends the run. Its message, when not empty, is printed once as
// "plan: error: ..." followed by an optional hint; its kind decides the
// exit code.
type exitError struct {
	kind errKind
	msg  string
	hint string
	// lines are printed as they are, before the hint: errors that carry
	// their own "FILE:LINE: error:" prefix (a bad plan.yaml).
	lines []string
}

func (e *exitError) Error() string { return e.msg }

// inputError is err as a kindInput error.
func inputError(err error) error { return &exitError{kind: kindInput, msg: err.Error()} }

// internalError marks an error that is not an exitError, returned from
// inside a command (a report that could not be written for a reason
// other than lost output), as a failure of plan itself.
func internalError(err error) error {
	var ee *exitError
	if err == nil || errors.As(err, &ee) {
		return err
	}
	return &exitError{kind: kindInternal, msg: "internal error: " + err.Error(),
		hint: "this is a bug in plan: please report it with the command you ran and, if you can, the packets it read"}
}

// hintedError is err as an error of kind k, with the hint err carries
// when it has a Hint method (report's errors say what to do).
func hintedError(k errKind, err error) error {
	ee := &exitError{kind: k, msg: err.Error()}
	if h, ok := err.(interface{ Hint() string }); ok {
		ee.hint = h.Hint()
	}
	return ee
}

func usageErrorf(hint, format string, args ...any) error {
	return &exitError{kind: kindUsage, msg: fmt.Sprintf(format, args...), hint: hint}
}

// streams are what a run reads from and writes to, and how it writes:
// the standard streams (tests pass buffers), colour, -q and -v, and the
// run's plan.yaml. Every message goes through its methods, in plan's one
// voice.
type streams struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	color  bool
	// cfg is the run's plan.yaml.
	cfg configState
	// quiet (-q) leaves only errors on standard error; verbose (-v) adds
	// which files were read and skipped, and why.
	quiet, verbose bool
	// width is standard output's terminal width, 80 when it is no terminal.
	width int
	// helpPath is the command line of the command that ran ("plan new"),
	// for the hint after an error cobra itself returned.
	helpPath string
}

func (e *streams) warnf(format string, args ...any) {
	if e.quiet {
		return
	}
	fmt.Fprintf(e.stderr, "plan: warning: "+format+"\n", args...)
}

// infof prints a "plan: ..." line that is not a warning or an error, such
// as check's summary; -q silences it.
func (e *streams) infof(format string, args ...any) {
	if e.quiet {
		return
	}
	fmt.Fprintf(e.stderr, "plan: "+format+"\n", args...)
}

func (e *streams) errorf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "plan: error: "+format+"\n", args...)
}

func (e *streams) hintf(format string, args ...any) {
	fmt.Fprintf(e.stderr, "plan: hint: "+format+"\n", args...)
}

// run executes plan with args and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out := &outputWriter{w: stdout}
	e := &streams{stdin: stdin, stdout: out, stderr: stderr, color: useColor(stdout), width: terminalWidth(stdout)}
	root := newRootCmd(e)
	markInternal(root)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(stderr)
	cmd, err := root.ExecuteC()
	if cmd != nil {
		e.helpPath = cmd.CommandPath()
	}
	if out.err != nil {
		// Lost output is a failure whatever the command found: a report
		// that did not arrive must not pass for an empty one.
		e.errorf("standard output could not be written: %s", termtext.Clean(out.err.Error()))
		e.hintf("the output is missing or cut short (a full disk or a closed pipe?); files the command writes (new, sync) were written")
		return exitUsage
	}
	return e.finish(err)
}

// finish prints err once, as its kind says, and returns the exit code.
func (e *streams) finish(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			e.errorf("%s", ee.msg)
		}
		for _, l := range ee.lines {
			fmt.Fprintln(e.stderr, l)
		}
		if ee.hint != "" {
			e.hintf("%s", ee.hint)
		}
		return exitCode(ee.kind)
	}
	// Errors from cobra itself: unknown flags and commands, bad flag
	// values. They quote what was typed, which may hold escapes.
	e.errorf("%s", termtext.Clean(err.Error()))
	// The hint names the help of the command that refused (plan new
	// --help for plan new's arguments), which says what it takes.
	path := e.helpPath
	if path == "" {
		path = "plan"
	}
	e.hintf("run '%s --help' for usage", path)
	return exitUsage
}

// outputWriter is standard output remembering its first write error, so
// that a run whose output was lost (plan new > /dev/full) does not exit 0
// whichever writer forgot to check. After an error it writes nothing more.
type outputWriter struct {
	w   io.Writer
	err error
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

// markInternal makes every error a command returns without a kind an
// internal one. Cobra's own errors (an unknown command or flag, a bad flag
// value) arise before a command runs, so they stay usage errors.
func markInternal(c *cobra.Command) {
	if runE := c.RunE; runE != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error { return internalError(runE(cmd, args)) }
	}
	for _, sub := range c.Commands() {
		markInternal(sub)
	}
}

// useColor reports whether w is a terminal that colour may be written to.
func useColor(w io.Writer) bool {
	_, ok := terminal(w)
	return ok && colorAllowed(os.Getenv)
}

// colorAllowed says whether the environment lets a terminal have colour:
// not when NO_COLOR is set to a value other than "" (no-color.org: an
// empty NO_COLOR is as good as unset), nor when TERM is dumb (a terminal
// that draws escape sequences as text, such as Emacs' shell buffer).
func colorAllowed(getenv func(string) string) bool {
	return getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// terminal returns w's file descriptor when w is a terminal.
func terminal(w io.Writer) (int, bool) {
	f, ok := w.(*os.File)
	if !ok {
		return 0, false
	}
	fd := int(f.Fd())
	return fd, term.IsTerminal(fd)
}

// terminalWidth is the width of the terminal w is, or 80 when w is not a
// terminal (a file, a pipe) or does not say.
func terminalWidth(w io.Writer) int {
	if fd, ok := terminal(w); ok {
		if width, _, err := term.GetSize(fd); err == nil && width > 0 {
			return width
		}
	}
	return 80
}

// formatFlags are the output-format flags shared by the commands.
type formatFlags struct {
	format string
	json   bool
	dot    bool
}

func (f *formatFlags) register(cmd *cobra.Command, formats []string) {
	// No default value for pflag to print: "(default "text")" would push
	// the line past 80 columns. An empty format is text.
	cmd.Flags().StringVarP(&f.format, "format", "f", "", strings.Join(formats, "|")+" (default text)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	for _, format := range formats {
		switch format {
		case "json":
			cmd.Flags().BoolVar(&f.json, "json", false, "shortcut for --format json")
		case "dot":
			cmd.Flags().BoolVar(&f.dot, "dot", false, "shortcut for --format dot")
		}
	}
}

// resolve returns the chosen format, or a usage error naming the flags in
// conflict or the formats this command supports.
func (f *formatFlags) resolve(cmd *cobra.Command, formats []string) (string, error) {
	format := f.format
	if format == "" {
		format = "text"
	}
	formatSet := cmd.Flags().Changed("format")
	switch {
	case f.json && f.dot:
		return "", usageErrorf("", "--json and --dot cannot be used together")
	case f.json && formatSet && format != "json":
		return "", usageErrorf("", "--json and --format %s cannot be used together", termtext.Clean(format))
	case f.dot && formatSet && format != "dot":
		return "", usageErrorf("", "--dot and --format %s cannot be used together", termtext.Clean(format))
	case f.json:
		format = "json"
	case f.dot:
		format = "dot"
	}
	for _, ok := range formats {
		if format == ok {
			return format, nil
		}
	}
	return "", usageErrorf("", "%s does not support --format %s (choose %s)", cmd.CommandPath(), termtext.Clean(format), strings.Join(formats, ", "))
}

// loadOptions are the input flags shared by the commands.
type loadOptions struct {
	maxFileSize byteSize
}

func (o *loadOptions) register(cmd *cobra.Command) {
	o.maxFileSize = parser.DefaultMaxFileSize
	cmd.Flags().Var(&o.maxFileSize, "max-file-size", "skip files larger than this")
}

// byteSize is a flag value in bytes, written as a number with an optional
// unit: 512KB, 10MB, 1GB (1,024-based, as the warnings print them) or
// plain bytes.
type byteSize int64

func (s *byteSize) String() string { return report.ByteSizeText(int64(*s)) }

// Type is the word the help puts after the flag's name.
func (s *byteSize) Type() string { return "size" }

func (s *byteSize) Set(v string) error {
	n, err := report.ParseByteSize(v)
	if err != nil {
		return err
	}
	*s = byteSize(n)
	return nil
}

// loadPackets is parser.Load. Tests replace it to run every command over
// one large generated folder without reading 100,000 files each time.
var loadPackets = parser.Load

// loadWith reads the packets under paths and analyzes them with the
// analysis of the caller's choice: report.Analyze, report.AnalyzeStreaming
// for writers that stream the blocked list, or report.AnalyzeProblems for
// the commands that print only problems (and estimate, which reads the
// graph alone). I/O errors are printed as they are met; the returned
// failed flag says whether any occurred, so the command can finish its
// output and then exit 2.
func (e *streams) loadWith(paths []string, opts loadOptions, analyze func(*parser.Set) (*report.Analysis, error)) (a *report.Analysis, failed bool, err error) {
	return e.loadSet(paths, opts, analyze, true)
}

// loadSet is loadWith; with requirePackets a path that holds no packet is
// an error (exit 2), said once for each such path.
func (e *streams) loadSet(paths []string, opts loadOptions, analyze func(*parser.Set) (*report.Analysis, error), requirePackets bool) (a *report.Analysis, failed bool, err error) {
	set, ioErrs := loadPackets(paths, parser.Options{Stdin: e.stdin, MaxFileSize: int64(opts.maxFileSize), Config: e.cfg.config})
	for _, err := range ioErrs {
		e.errorf("%s", termtext.Error(err)) // a file name may hold escape sequences or newlines
	}
	if e.verbose {
		_ = report.WriteFileList(e.stderr, set) // as every message, unchecked
	}
	empty := false
	if !requirePackets {
		for _, dir := range set.Hidden {
			e.hintf("%s", report.HiddenFolderHint(dir, true))
		}
	} else if empty = e.reportEmpty(paths, set); len(set.Packets) == 0 {
		// Nothing to answer about: each path is already reported, as
		// unreadable or as holding no packet, and nothing is printed.
		return nil, true, ioFailure
	}
	a, err = analyze(set)
	if err != nil {
		return nil, true, inputError(err)
	}
	return a, len(ioErrs) > 0 || empty, nil
}

// reportEmpty says, once for each of paths that exists and holds no packet
// (a mistyped folder, a folder of notes), "no work packets in PATH", and
// reports whether there was one. A path that could not be read is already
// reported as such. No paths means ".".
func (e *streams) reportEmpty(paths []string, set *parser.Set) bool {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	cwd, _ := os.Getwd()
	abs := func(p string) string {
		if p == parser.StdinName || filepath.IsAbs(p) {
			return filepath.Clean(p)
		}
		return filepath.Join(cwd, p)
	}
	var roots []report.Root
	for _, arg := range paths {
		root := report.Root{Arg: arg, Abs: parser.StdinName}
		if arg != "-" {
			if _, err := os.Stat(arg); err != nil {
				continue // reported as unreadable
			}
			root.Abs = abs(arg)
		}
		roots = append(roots, root)
	}
	empty := report.EmptyRoots(roots, set, abs)
	for _, em := range empty {
		e.errorf("%s", report.NoPackets(em.Name(), em.Files))
		for _, dir := range em.Hidden {
			e.hintf("%s", report.HiddenFolderHint(dir, false))
		}
		if len(em.Hidden) == 0 {
			e.hintf("%s", report.NoPacketsHint(em.Files))
		}
	}
	return len(empty) > 0
}

// withAnalysis loads and analyzes paths and hands the analysis to write.
// When some input could not be read (each file already reported), the run
// then ends with exit code 2: the output for the files that were read is
// still printed.
func (e *streams) withAnalysis(paths []string, opts loadOptions, write func(a *report.Analysis) error) error {
	return e.withAnalysisBy(paths, opts, report.Analyze, write)
}

// withAnalysisBy is withAnalysis with the analysis of the caller's choice
// (see loadWith): one that leaves out what write does not read keeps a
// large folder's run smaller.
func (e *streams) withAnalysisBy(paths []string, opts loadOptions, analyze func(*parser.Set) (*report.Analysis, error), write func(a *report.Analysis) error) error {
	a, failed, err := e.loadWith(paths, opts, analyze)
	if err != nil {
		return err
	}
	if err := write(a); err != nil {
		return err
	}
	if failed {
		return ioFailure
	}
	return e.cycleFailure(a)
}

// cycleFailure says on standard error, after the answer, that the plan
// has a cycle, one line per cycle, and fails the run with exit 1, as tsort
// does: a script that reads the order must not take it for a sound one.
func (e *streams) cycleFailure(a *report.Analysis) error {
	lines := report.CycleLines(a)
	if len(lines) == 0 {
		return nil
	}
	for _, l := range lines {
		e.errorf("%s", l)
	}
	return &exitError{kind: kindProblems, hint: report.CycleHint}
}

// ioFailure is returned after the output when some input could not be read.
var ioFailure = &exitError{kind: kindInput}
