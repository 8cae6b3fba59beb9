package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/workpackets/plan/parser"
)

// packetRule says in one line what makes a markdown file a packet, as
// parser/doc.go ("What a packet is") specifies it.
const packetRule = "a packet is a markdown file " + packetTitle

// packetTitle is what a packet's title may be, as parser/doc.go says:
// its forms, then which line of the file is the title.
const (
	packetTitle      = packetTitleLike + " " + packetTitleWhere
	packetTitleLike  = "titled like '# WP-001: Title' or '## WP-001 — Title'"
	packetTitleWhere = "(its first level-1 heading, else its first level-2 one, or id: in front matter)"
)

// NoPackets is the error for a path that exists and holds no packet:
// name as the user wrote it, files the markdown files read under it.
func NoPackets(name string, files int) string {
	return fmt.Sprintf("no work packets in %s (%s read)", name, Plural(files, "markdown file"))
}

// NoPacketsHint says what a packet is after NoPackets, and where to look
// next: why the markdown files read were skipped, or the path itself
// when none was.
func NoPacketsHint(files int) string {
	if files > 0 {
		return packetRule + "; -v says why each file was skipped"
	}
	return "check the path; " + packetRule + "; 'plan help format' says more"
}

// HiddenFolderHint says that the hidden folder dir holds packets and how
// to read them; alone says that the path named holds none besides.
func HiddenFolderHint(dir string, alone bool) string {
	s := fmt.Sprintf("the hidden folder %s holds some: run 'plan %s'", cleanPath(dir), cleanPath(dir))
	if alone {
		s = "no packets here, but " + s
	}
	return s
}

// WriteFileList is -v's account of the files of set: each one read as a
// packet, or skipped and why, then the counts. Each line starts with
// "plan: ", as it goes to standard error among plan's messages.
func WriteFileList(w io.Writer, set *parser.Set) error {
	packetOf := map[string]string{}
	for _, p := range set.Packets {
		packetOf[p.File] = p.ID
	}
	why := map[string]string{} // skipped file -> its problem (too large)
	dup := map[string]string{}
	for _, p := range set.Problems {
		switch {
		case p.Packet == "":
			why[p.File] = p.Message
		case p.Code == parser.CodeDuplicateID:
			dup[p.File] = p.Packet
		}
	}
	skipped := map[string]bool{}
	for _, f := range set.Skipped {
		skipped[f] = true
	}
	template := map[string]bool{}
	for _, f := range set.Templates {
		template[f] = true
	}
	bw := bufio.NewWriter(w)
	for _, f := range set.Files {
		switch {
		case packetOf[f] != "":
			fmt.Fprintf(bw, "plan: read %s: packet %s\n", cleanPath(f), clean(packetOf[f]))
		case dup[f] != "":
			fmt.Fprintf(bw, "plan: skipped %s: packet %s is already read from another file (duplicate-id)\n", cleanPath(f), clean(dup[f]))
		case why[f] != "":
			fmt.Fprintf(bw, "plan: skipped %s: %s\n", cleanPath(f), clean(why[f]))
		case template[f]:
			fmt.Fprintf(bw, "plan: skipped %s: a packet template (its title has a placeholder in brackets where the ID goes)\n", cleanPath(f))
		case set.SkipReasons[f] != "":
			fmt.Fprintf(bw, "plan: skipped %s: not a packet: %s\n", cleanPath(f), clean(set.SkipReasons[f]))
		case skipped[f]:
			fmt.Fprintf(bw, "plan: skipped %s: not a packet, which is a markdown file %s\n", cleanPath(f), packetTitle)
		default:
			fmt.Fprintf(bw, "plan: read %s\n", cleanPath(f))
		}
	}
	fmt.Fprintf(bw, "plan: %s read, %d skipped; folders that are hidden or named node_modules or vendor are not searched\n",
		Plural(len(set.Files), "markdown file"), len(set.Skipped))
	return bw.Flush()
}

// ParseByteSize reads a size in bytes written as a number with an
// optional unit: 512KB, 10MB, 1GB (1,024-based, as ByteSizeText writes
// them) or plain bytes, more than 0.
func ParseByteSize(v string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(v))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > math.MaxInt64/mult {
		return 0, fmt.Errorf("want a size such as 512KB, 10MB or 1048576 (bytes), more than 0")
	}
	return n * mult, nil
}

// ByteSizeText writes n with the largest unit that divides it: 10MB,
// 512KB, 1000.
func ByteSizeText(n int64) string {
	switch {
	case n > 0 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GB"
	case n > 0 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MB"
	case n > 0 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KB"
	}
	return strconv.FormatInt(n, 10)
}

// Root is a path the user named that exists: Arg as typed ("-" for
// standard input), Abs as absolute (parser.StdinName for standard input).
type Root struct{ Arg, Abs string }

// Empty is a path that holds no packet: how many markdown files were
// read under it, and the hidden folders under it that hold packets.
type Empty struct {
	Root
	Files  int
	Hidden []string
}

// EmptyRoots are the roots under which set has no packet, in order. A
// file with a duplicate ID is a packet too, although only the first is
// kept. abs makes a file name of the set absolute as the roots are.
func EmptyRoots(roots []Root, set *parser.Set, abs func(string) string) []Empty {
	var packetFiles []string
	for _, p := range set.Packets {
		packetFiles = append(packetFiles, abs(p.File))
	}
	for _, p := range set.Problems {
		if p.Code == parser.CodeDuplicateID {
			packetFiles = append(packetFiles, abs(p.File))
		}
	}
	var out []Empty
	for _, root := range roots {
		if slices.ContainsFunc(packetFiles, func(f string) bool { return under(f, root.Abs) }) {
			continue
		}
		e := Empty{Root: root}
		for _, f := range set.Files {
			if under(abs(f), root.Abs) {
				e.Files++
			}
		}
		for _, dir := range set.Hidden {
			if under(abs(dir), root.Abs) {
				e.Hidden = append(e.Hidden, dir)
			}
		}
		out = append(out, e)
	}
	return out
}

// Name is the path as messages name it: "standard input" for "-".
func (e Empty) Name() string {
	if e.Arg == "-" {
		return "standard input"
	}
	return cleanPath(e.Arg)
}

// under says whether the absolute file is root or inside it.
func under(file, root string) bool {
	return file == root || strings.HasPrefix(file, strings.TrimSuffix(root, string(filepath.Separator))+string(filepath.Separator))
}
