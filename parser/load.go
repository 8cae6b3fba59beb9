package parser

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/workpackets/plan/parser/hiddentext"
)

// DefaultMaxFileSize is the largest file Load reads when Options.MaxFileSize
// is 0: 10 MB.
const DefaultMaxFileSize = 10 << 20

// StdinName is how a document read from standard input (the path "-") is
// named in packets and problems.
const StdinName = "<stdin>"

// Options control Load.
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
	// MaxFileSize is the largest file read, in bytes; 0 means the default,
	// DefaultMaxFileSize. Larger files are skipped with a warning problem
	// naming them.
	MaxFileSize int64
	// Whole makes goldmark parse every document whole. By default only the
	// title, the header and the Dependencies sections of a packet are handed
	// to goldmark (found by a line scanner that knows code blocks and HTML),
	// which gives the same results several times faster; Whole is there to
	// check that.
	Whole bool
	// Config is the folder's plan.yaml, or nil for none. Files its
	// ignore globs name are not read (unless named in paths).
	Config *Config
}

// Set is what Load read.
type Set struct {
	// Packets are sorted by ID; for a duplicate ID only the first file by
	// path is kept.
	Packets []*Packet
	// Problems are sorted by file, line, code and message.
	Problems []Problem
	// Files are every markdown file found, as displayed, sorted.
	Files []string
	// Skipped are the files that are not packets (templates, READMEs,
	// plans) and the files too large to read, sorted.
	Skipped []string
	// Templates are the skipped files whose title is a packet template's,
	// with a placeholder in brackets where the ID goes
	// ("# [PACKET-ID]: [Feature Name]"), sorted.
	Templates []string
	// SkipReasons says, for each skipped file the parser read, precisely
	// why it is not a packet (its title heading's form, its ID's shape, or
	// that it has no title), for -v.
	SkipReasons map[string]string
	// Hidden are the hidden folders under the arguments (".kit/tasks")
	// that hold packets, each as the deepest folder holding all of its
	// packets, sorted; set only when no argument yielded a packet, so that
	// the user can be told what to run instead.
	Hidden []string
	// Indexes are the files that are no packet but list packets as a
	// task list ("- [x] WP-001 ..."), sorted: plan sync rewrites them.
	Indexes []string
	// claims are the index files' task-list items, by file and line.
	claims []indexClaim
	// indexTruth is set when plan.yaml's status_source: index made the
	// claims the packets' statuses.
	indexTruth bool
	// indexed are the index files' task-list items that gave packets
	// their statuses (status_source: index) against their Status lines.
	// (Few packets have one: a Packet does not keep a field for it.)
	indexed map[string]indexClaim
	// cfg is the plan.yaml the Set was read with, or nil.
	cfg *Config
	// ReadWhole counts the documents that goldmark parsed whole although
	// Options.Whole was not set, because the line scanner was not sure
	// where their sections are (a setext heading that may say
	// Dependencies, a heading in a possible list item, a reference link
	// defined outside the sections). With Options.Whole it counts every
	// document.
	ReadWhole int
}

// addSkipReason records why a skipped file is not a packet.
func (set *Set) addSkipReason(file, why string) {
	if why == "" {
		return
	}
	if set.SkipReasons == nil {
		set.SkipReasons = map[string]string{}
	}
	set.SkipReasons[file] = why
}

// source is one file to read: its displayed name and where to read it.
type source struct {
	name string // as displayed
	path string // to open; "" for stdin
}

// stdin reports whether the source is standard input.
func (s source) stdin() bool { return s.path == "" }

// result is what reading and parsing one source gave. At 100,000 packets
// every file's result is live until the last file is read, so what few
// files have (problems, an error, a reason for skipping, index claims)
// sits behind one pointer: 56 bytes a file, not 128.
type result struct {
	packet *Packet
	rows   []pendingRow // the dependency rows, compacted
	keeper *keeper      // the keeper of the rows' texts
	more   *resultMore  // nil when the file gave nothing below
	whole  bool         // goldmark parsed the whole document
}

// resultMore is the part of a result that most files do not have.
type resultMore struct {
	problems []Problem
	err      error
	skipped  bool
	template bool   // not a packet: its title is a template's
	why      string // why a skipped file is not a packet
	// claims are the task-list items naming packets of a file that is
	// no packet (an index file).
	claims []indexClaim
}

// extra returns r.more, made first if it is nil.
func (r *result) extra() *resultMore {
	if r.more == nil {
		r.more = &resultMore{}
	}
	return r.more
}

// problems are the problems found in the file.
func (r *result) problems() []Problem {
	if r.more == nil {
		return nil
	}
	return r.more.problems
}

// err is the error reading the file, or nil.
func (r *result) err() error {
	if r.more == nil {
		return nil
	}
	return r.more.err
}

// skipped reports whether the file is not a packet (or was too large to
// read).
func (r *result) skipped() bool { return r.more != nil && r.more.skipped }

// claims are the index file's task-list items naming packets.
func (r *result) claims() []indexClaim {
	if r.more == nil {
		return nil
	}
	return r.more.claims
}

// failed is the result of a file that could not be read.
func failed(err error) result { return result{more: &resultMore{err: err}} }

// Load walks the paths (files or directories; "-" is standard input; no
// paths means ".") and parses every packet. Directories are walked
// recursively for *.md and *.markdown files, skipping hidden files and
// directories, node_modules and vendor, and not following symbolic links
// to directories (so symlink loops cannot hang it). A path named
// explicitly is read whatever its extension. Files that are not regular
// files (FIFOs, devices) are never opened for reading.
//
// The []error are I/O errors (an unreadable file or directory, a path that
// does not exist), each naming its path; every other file is still read.
// Files are parsed in parallel; the Set is the same whatever the order.
func Load(paths []string, opts Options) (*Set, []error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	srcs, hidden, errs := collect(paths)
	srcs = opts.Config.ignored(srcs, paths)
	results := make([]result, len(srcs))
	var stdinOnce sync.Once
	var stdinData []byte
	var stdinErr error
	readStdin := func() ([]byte, error) {
		stdinOnce.Do(func() {
			if opts.Stdin == nil {
				stdinErr = errors.New("no standard input")
				return
			}
			stdinData, stdinErr = io.ReadAll(io.LimitReader(opts.Stdin, opts.MaxFileSize+1))
		})
		return stdinData, stdinErr
	}
	// Each worker reads one file at a time into its own buffer and keeps
	// only what the parser took from it, so memory does not grow with the
	// size of the folder's text.
	workers := min(runtime.GOMAXPROCS(0), len(srcs))
	next := make(chan int, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			k := newKeeper()
			for i := range next {
				results[i], buf = load(srcs[i], opts, readStdin, buf, k)
			}
		}()
	}
	for i := range srcs {
		next <- i
	}
	close(next)
	wg.Wait()

	set := &Set{}
	var packets []*Packet
	for i, s := range srcs {
		r := &results[i]
		if err := r.err(); err != nil {
			errs = append(errs, err)
			continue
		}
		set.Files = append(set.Files, s.name)
		packets = set.addResult(s.name, r, packets)
	}
	set.Packets, set.Problems = dedupe(packets, set.Problems)
	if len(set.Packets) == 0 && len(hidden) > 0 {
		set.Hidden = hiddenPacketFolders(hidden, opts)
	}
	ix := newIndex(set.Packets)
	ix.cfg, set.cfg = opts.Config, opts.Config
	set.indexClaims(results, ix, opts.Config)
	set.Problems = append(set.Problems, resolveAll(results, ix, workers)...)
	set.Problems = append(set.Problems, addReverse(set.Packets, ix)...)
	sort.Strings(set.Files)
	sort.Strings(set.Skipped)
	sort.Strings(set.Templates)
	set.Problems = gatherSizes(gatherUnknownStatuses(set.Problems))
	sortProblems(set.Problems)
	return set, errs
}

// resolveBlock is how many results a resolving worker takes at a time.
const resolveBlock = 256

// resolveAll resolves the rows of every result's packet, each result
// released as it is resolved; a packet dropped as a duplicate is not in
// the index by ID (or is there as another packet) and is not resolved.
// The workers take blocks of results in turn (resolving reads the index
// and other packets' IDs and statuses, and writes only its own packet's
// lists), and the problems are returned in file order, as one worker
// would find them.
func resolveAll(results []result, ix *index, workers int) []Problem {
	blocks := (len(results) + resolveBlock - 1) / resolveBlock
	probs := make([][]Problem, blocks)
	var next atomic.Int64
	work := func() {
		for {
			b := int(next.Add(1)) - 1
			if b >= blocks {
				return
			}
			for i := b * resolveBlock; i < min((b+1)*resolveBlock, len(results)); i++ {
				r := &results[i]
				if p := r.packet; p != nil && !r.skipped() && r.err() == nil && ix.byID[p.ID] == p {
					probs[b] = append(probs[b], resolvePending(p, r.rows, r.keeper, ix)...)
				}
				results[i] = result{}
			}
		}
	}
	var wg sync.WaitGroup
	for range min(workers, blocks) - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
	var out []Problem
	for _, ps := range probs {
		out = append(out, ps...)
	}
	return out
}

// dedupe keeps one packet for each ID and reports the others as
// duplicate-id errors: a file outside any folder named archive or archived
// wins over one inside such a folder, and otherwise the first by path.
// The problems found in a file that lost are dropped: they are not about
// the packet the plan uses. It returns the packets sorted by ID.
func dedupe(packets []*Packet, probs []Problem) ([]*Packet, []Problem) {
	// Whether a file is archived is worked out once a packet, not at each
	// of the sort's comparisons. Sorted by ID, then unarchived first,
	// then path (no two packets share a file), the packet kept for an ID
	// is the first of its run: no map of 100,000 IDs is needed while
	// every file's rows wait to be resolved.
	type entry struct {
		p        *Packet
		archived bool
	}
	es := make([]entry, len(packets))
	for i, p := range packets {
		es[i] = entry{p, archived(p.File)}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if c := strings.Compare(a.p.ID, b.p.ID); c != 0 {
			return c
		}
		if a.archived != b.archived {
			if b.archived {
				return -1
			}
			return 1
		}
		return strings.Compare(a.p.File, b.p.File)
	})
	kept := packets[:0:0]
	var lost map[string]bool
	var dups []Problem
	for i := 0; i < len(es); {
		f := es[i].p
		kept = append(kept, f)
		j := i + 1
		for ; j < len(es) && es[j].p.ID == f.ID; j++ {
			p := es[j].p
			if lost == nil {
				lost = map[string]bool{}
			}
			lost[p.File] = true
			dups = append(dups, Problem{
				Severity: Error,
				Code:     CodeDuplicateID,
				// The name is written as cmd/plan prints names, so that it
				// cannot read as another FILE:LINE location.
				Message: fmt.Sprintf("duplicate packet ID %s: also in %s:%d; the plan uses %s and ignores this file",
					p.ID, hiddentext.LocationSafe(f.File), f.Line, hiddentext.LocationSafe(f.File)),
				File:   p.File,
				Line:   p.Line,
				Packet: p.ID,
			})
		}
		i = j
	}
	if lost != nil {
		probs = slices.DeleteFunc(probs, func(pr Problem) bool { return lost[pr.File] })
	}
	return kept, append(probs, dups...)
}

// archived reports whether a file is inside a folder named archive or
// archived (in any case; "8-archive" is not).
func archived(file string) bool {
	dir := filepath.Dir(filepath.Clean(file))
	for _, part := range strings.Split(filepath.ToSlash(dir), "/") {
		if l := strings.ToLower(part); l == "archive" || l == "archived" {
			return true
		}
	}
	return false
}

// hiddenPacketFolders loads each hidden folder and returns, for those
// that hold packets, the deepest folder holding all of them.
func hiddenPacketFolders(hidden []string, opts Options) []string {
	var out []string
	for _, dir := range hidden {
		set, _ := Load([]string{dir}, Options{MaxFileSize: opts.MaxFileSize, Config: opts.Config})
		if len(set.Packets) == 0 {
			continue
		}
		common := filepath.Dir(set.Packets[0].File)
		for _, p := range set.Packets[1:] {
			for d := filepath.Dir(p.File); !within(d, common) && filepath.Dir(common) != common; {
				common = filepath.Dir(common)
			}
		}
		out = append(out, common)
	}
	sort.Strings(out)
	return out
}

// within reports whether dir is folder or inside it.
func within(dir, folder string) bool {
	rel, err := filepath.Rel(folder, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// load reads and parses one source, reading into buf (which it may grow
// and returns for the next file).
func load(s source, opts Options, readStdin func() ([]byte, error), buf []byte, k *keeper) (result, []byte) {
	max := opts.MaxFileSize
	var data []byte
	if s.stdin() {
		b, err := readStdin()
		if err != nil {
			return failed(&os.PathError{Op: "read", Path: "-", Err: err}), buf
		}
		data = b
	} else {
		b, tooBig, err := readFile(s.path, max, buf)
		if err != nil {
			return failed(err), buf
		}
		if tooBig {
			return tooLarge(s, max), buf
		}
		data, buf = b, b[:0]
	}
	if int64(len(data)) > max {
		return tooLarge(s, max), buf
	}
	return parseSource(s, data, opts, k), buf
}

// parseSource parses the bytes of one source (read from disk by load, or
// held in memory by LoadFiles).
func parseSource(s source, data []byte, opts Options, k *keeper) result {
	var (
		p        *Packet
		rows     []depRow
		probs    []Problem
		whole    bool
		template bool
		why      string
	)
	sc := k.scratch()
	if opts.Whole {
		p, rows, probs, template, why = parseWholeIn(sc, s.name, data, opts.Config)
		whole = true
	} else {
		p, rows, probs, whole, template, why = readDocumentIn(sc, s.name, data, opts.Config)
	}
	if p == nil {
		m := &resultMore{skipped: true, template: template, why: why}
		if !template {
			m.claims = readIndexClaims(s.name, data)
		}
		return result{more: m, whole: whole}
	}
	p = k.keep(p)
	r := result{packet: p, whole: whole}
	if len(probs) > 0 {
		r.extra().problems = probs
	}
	namePacket(p, probs)
	r.rows, r.keeper = compact(p, rows, k), k
	// compact kept what the rows say: their room holds the next file's.
	clear(rows)
	sc.rows = rows[:0]
	return r
}

func tooLarge(s source, max int64) result {
	return result{more: &resultMore{skipped: true, problems: []Problem{{
		Severity: Warning,
		Code:     CodeParse,
		Message:  fmt.Sprintf("file is larger than the %s limit; skipped", formatSize(max)),
		File:     s.name,
		Line:     1,
	}}}}
}

func formatSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d-byte", n)
}

// errNotRegular says what kind of file a path is instead of a regular one.
func errNotRegular(m fs.FileMode) error {
	kind := "not a regular file"
	switch {
	case m.IsDir():
		kind = "is a directory"
	case m&fs.ModeNamedPipe != 0:
		kind = "is a named pipe (FIFO), not a regular file"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		kind = "is a device, not a regular file"
	case m&fs.ModeSocket != 0:
		kind = "is a socket, not a regular file"
	}
	return errors.New(kind)
}

// isMarkdown reports whether a file found in a directory is read.
func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// SkippedDir reports whether Load skips a folder of this name when it
// finds it while walking (it reads one named as a path): hidden folders,
// node_modules and vendor.
func SkippedDir(name string) bool { return skipDir(name) }

// skipDir reports whether a directory found while walking is skipped.
func skipDir(name string) bool {
	return strings.HasPrefix(name, ".") || name == "node_modules" || name == "vendor"
}

// collect turns the arguments into the sorted list of files to read, each
// once, the hidden folders it skipped and the
// errors of the paths that cannot be walked.
func collect(paths []string) ([]source, []string, []error) {
	var hidden []string
	var srcs []source
	var errs []error
	seen := map[string]bool{}
	wd := workDir()
	add := func(s source) {
		key := s.name
		if !s.stdin() {
			if abs, err := absFrom(wd, s.path); err == nil {
				key = abs
			}
		}
		if seen[key] {
			return
		}
		seen[key] = true
		srcs = append(srcs, s)
	}
	for _, arg := range paths {
		if arg == "-" {
			add(source{name: StdinName})
			continue
		}
		fi, err := os.Stat(arg) // a path named explicitly is followed
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !fi.IsDir() {
			name := filepath.Clean(arg)
			add(source{name: name, path: arg})
			continue
		}
		// A symlink to a directory named explicitly is followed: the
		// trailing separator makes WalkDir resolve it.
		root := arg
		if li, err := os.Lstat(arg); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			root = arg + string(filepath.Separator)
		}
		var found []source
		walkErr := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, err)
				if de != nil && de.IsDir() && path != root {
					return fs.SkipDir
				}
				return nil
			}
			name := de.Name()
			if de.IsDir() {
				if path != root && skipDir(name) {
					if strings.HasPrefix(name, ".") && name != ".git" {
						hidden = append(hidden, path)
					}
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(name, ".") || !isMarkdown(name) {
				return nil
			}
			if de.Type()&fs.ModeSymlink != 0 {
				fi, err := os.Stat(path)
				if err != nil {
					errs = append(errs, err)
					return nil
				}
				if fi.IsDir() {
					return nil // a symlinked directory is not followed
				}
			}
			found = append(found, source{name: path, path: path})
			return nil
		})
		if walkErr != nil {
			errs = append(errs, walkErr)
		}
		for _, s := range found {
			add(s)
		}
	}
	sort.SliceStable(srcs, func(i, j int) bool { return srcs[i].name < srcs[j].name })
	return srcs, hidden, errs
}

// workDir is the working directory for absFrom, or "" where absFrom
// must ask filepath.Abs (Windows, where a path such as C:x is relative to
// a drive's own directory, or when it cannot be read).
func workDir() string {
	if runtime.GOOS == "windows" {
		return ""
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// absFrom is filepath.Abs(path) with wd, the working directory that
// workDir read once for a whole folder: filepath.Abs reads it on every
// call, which with $PWD set costs two stat calls, for every file of a
// folder named by a relative path and again for every packet the index
// holds (50,000 calls for 10,000 packets, all before or after the
// parallel part). With wd "" it is filepath.Abs.
func absFrom(wd, path string) (string, error) {
	if wd == "" {
		return filepath.Abs(path)
	}
	if filepath.IsAbs(path) {
		return filepath.Clean(path), nil
	}
	return filepath.Join(wd, path), nil
}

// addResult takes what reading one file gave into the Set: its problems,
// and either its packet (appended to packets, which it returns) or its
// name among the skipped files with the reason. Load and LoadFiles share
// it.
func (set *Set) addResult(name string, r *result, packets []*Packet) []*Packet {
	set.Problems = append(set.Problems, r.problems()...)
	if r.whole {
		set.ReadWhole++
	}
	if r.skipped() || r.packet == nil {
		set.Skipped = append(set.Skipped, name)
		if m := r.more; m != nil {
			set.addSkipReason(name, m.why)
			if m.template {
				set.Templates = append(set.Templates, name)
			}
		}
		return packets
	}
	return append(packets, r.packet)
}
