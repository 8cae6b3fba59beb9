package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/workpackets/plan/cmd/plan/internal/fileio"
	"github.com/workpackets/plan/cmd/plan/internal/report"
	"github.com/workpackets/plan/cmd/plan/internal/scaffold"
	"github.com/workpackets/plan/cmd/plan/internal/termtext"
	"github.com/workpackets/plan/parser"
)

// newOptions are plan new's arguments and flags.
type newOptions struct {
	load     loadOptions
	id       string
	title    string
	paths    []string // read to know the packets that exist
	requires []string
	optional []string
	effort   string
	priority string
	dir      string
	dirSet   bool
}

func newNewCmd(e *streams) *cobra.Command {
	var opts newOptions
	cmd := &cobra.Command{
		Use:   "new ID TITLE [PATH...]",
		Short: "Write a new packet from the template, dependency tables filled in",
		Long: `new writes DIR/ID-title.md: a packet with the template's sections (header
fields, Overview, System Context, ..., Dependencies, Implementation
Checklist, Testing Strategy, Notes). The Required and Optional tables list
the packets named by --requires and --optional with their titles and
current status; the other sections are headed placeholders to fill in.

new first reads the packets under PATH (default: the current folder) to
know which IDs exist. It refuses an ID that is not a packet ID or already
exists, and names every --requires or --optional ID that no packet has as a
dangling-ref, before writing anything. It never replaces a file. DIR is
--dir, or else the one PATH when it is a folder, or else the current
folder. Without --priority or --effort the field says TBD (plan check warns
about it until it is filled in). The new file's path is printed. Its Last
Updated date is today, or SOURCE_DATE_EPOCH when set.`,
		Example: `  plan new P1-SEARCH-001 "Search Service" --requires P1-ECOM-001 \
      --effort 3-5d --priority P1 docs/packets
  plan new P1-NOTES-001 "Release Notes" --optional P1-ECOM-001 \
      --dir docs/packets/backend docs/packets`,
		Args:          cobra.MinimumNArgs(2),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id, opts.title, opts.paths = args[0], args[1], args[2:]
			opts.dirSet = cmd.Flags().Changed("dir")
			return runNew(e, opts)
		},
	}
	opts.load.register(cmd)
	cmd.Flags().StringSliceVar(&opts.requires, "requires", nil, "IDs of the packets it requires, comma-separated")
	cmd.Flags().StringSliceVar(&opts.optional, "optional", nil, "IDs of the packets it can use but does not wait for")
	cmd.Flags().StringVar(&opts.effort, "effort", "", `effort, such as "3-5d" or "2 weeks" (default TBD)`)
	cmd.Flags().StringVar(&opts.priority, "priority", "", "P0 to P3 (default TBD)")
	cmd.Flags().StringVar(&opts.dir, "dir", ".", "`DIR` to write in (default: PATH if a folder, else .)")
	cmd.Flags().Lookup("dir").DefValue = "" // the usage says the default
	return cmd
}

// now is the date of the packet's Last Updated line: today, or the time
// SOURCE_DATE_EPOCH gives (seconds since 1970, UTC), as for reproducible
// builds, so that the same command writes the same bytes.
func now() time.Time {
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(sec, 0).UTC()
		}
	}
	return time.Now()
}

// refusedf is a refusal: the arguments are well-formed but contradict the
// packets read (exit 1).
func refusedf(hint, format string, args ...any) error {
	return &exitError{kind: kindProblems, msg: fmt.Sprintf(format, args...), hint: hint}
}

// runNew is plan new.
func runNew(e *streams, opts newOptions) error {
	id, title := opts.id, strings.Join(strings.Fields(opts.title), " ")
	if !parser.IsID(id) {
		return usageErrorf("an ID is capital letters and digits joined by '-', ending in digits: P1-SEARCH-001", "%q is not a packet ID", id)
	}
	if title == "" || strings.ContainsFunc(title, unicode.IsControl) {
		return usageErrorf("give the title as one quoted argument: plan new "+id+` "Search Service"`, "the title must be one line of text")
	}
	for _, f := range [][2]string{{"--effort", opts.effort}, {"--priority", opts.priority}} {
		if strings.ContainsFunc(f[1], unicode.IsControl) {
			return usageErrorf("", "%s must be one line of text", f[0])
		}
	}
	opts.priority = report.PriorityCode(opts.priority)
	requires, err := flagIDs("--requires", opts.requires)
	if err != nil {
		return err
	}
	optional, err := flagIDs("--optional", opts.optional)
	if err != nil {
		return err
	}
	for _, r := range requires {
		if slices.Contains(optional, r) {
			return usageErrorf("a packet is either required or optional", "--requires and --optional both name %s", r)
		}
	}
	for _, p := range opts.paths {
		if p == "-" {
			return usageErrorf("give the folders that hold the packets", "plan new reads packets from files and folders, not standard input (-)")
		}
	}
	dir := opts.dir
	if !opts.dirSet && len(opts.paths) == 1 {
		if fi, err := os.Stat(opts.paths[0]); err == nil && fi.IsDir() {
			dir = opts.paths[0]
		}
	}

	if err := dirIsRead(dir, opts.paths); err != nil {
		return err
	}

	set, ioErrs := parser.Load(opts.paths, parser.Options{MaxFileSize: int64(opts.load.maxFileSize)})
	for _, err := range ioErrs {
		e.errorf("%s", termtext.Error(err)) // a file name may hold escape sequences or newlines
	}
	if len(ioErrs) > 0 {
		// An unread file may hold the same ID: write nothing.
		return &exitError{kind: kindInput, msg: "nothing written: some files could not be read"}
	}
	c := scaffold.Check(set, id, append(slices.Clone(requires), optional...), int64(opts.load.maxFileSize))
	switch {
	case c.Oversize:
		return refusedf("choose another ID, or raise --max-file-size to read that file",
			"packet %s already exists: %s:%d (a file over --max-file-size, which plan skips)", id, termtext.Path(c.Taken.File), c.Taken.Line)
	case c.Taken != nil:
		return refusedf("choose another ID; 'plan order --all' lists the IDs in use", "packet %s already exists: %s:%d", id, termtext.Path(c.Taken.File), c.Taken.Line)
	}
	if len(c.Unknown) > 0 {
		for _, r := range c.Unknown {
			e.errorf("dangling-ref: %s is not the ID of any packet read", r)
		}
		return refusedf("check the IDs ('plan order --all' lists them), or create those packets first",
			"nothing written: %s", report.Plural(len(c.Unknown), "unknown packet ID"))
	}

	doc, err := report.NewPacketText(report.NewPacket{
		ID: id, Title: title, Priority: opts.priority, Effort: opts.effort,
		Requires: requires, Optional: optional, ByID: c.ByID, Updated: now().Format("2006-01-02"),
	})
	var ne *report.NewPacketError
	switch {
	case errors.As(err, &ne):
		return usageErrorf(ne.Hint, "%s", ne.Msg)
	case err != nil:
		return internalError(err)
	}
	name := filepath.Join(dir, report.PacketFileName(id, title))
	if err := fileio.Create(name, doc); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return refusedf("choose another ID, or move that file away", "%s already exists; plan new never replaces a file", termtext.Path(name))
		}
		return &exitError{kind: kindInput, msg: fmt.Sprintf("nothing written: %v", err)}
	}
	fmt.Fprintln(e.stdout, termtext.Path(name))
	return nil
}

// dirIsRead refuses a --dir that reading paths would not search
// (scaffold.UnreadDir): the packet written there would be invisible to
// plan.
func dirIsRead(dir string, paths []string) error {
	why, under := scaffold.UnreadDir(dir, paths)
	if why == "" {
		return nil
	}
	return usageErrorf(fmt.Sprintf("write it where plan reads it, or name that folder when you read it (plan %s)", termtext.Path(dir)),
		"nothing written: plan %s would not read %s: %s", termtext.Path(under), termtext.Path(dir), why)
}

// flagIDs splits and checks the IDs given to flag.
func flagIDs(flag string, values []string) ([]string, error) {
	var ids []string
	for _, v := range values {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if !parser.IsID(v) {
			return nil, usageErrorf("give packet IDs separated by commas: "+flag+" P1-A-001,P1-B-002", "%s: %q is not a packet ID", flag, v)
		}
		if !slices.Contains(ids, v) {
			ids = append(ids, v)
		}
	}
	return ids, nil
}
