package parser

import (
	"sort"
)

// File is a markdown document held in memory: one version of a packet
// file as read from git, say.
type File struct {
	// Name is how packets and problems name the file (a path relative to
	// the folder's parent, as the user would type it). Links between
	// packets resolve against these names as if they were paths.
	Name string
	// Data is the document's bytes.
	Data []byte
}

// LoadFiles parses files held in memory as Load parses files on disk, with
// the same size limit, deduplication and resolution of rows; it reads no
// file system. Files are parsed in the order given (callers that want the
// Set of a folder pass every *.md file of it); the Set does not depend on
// that order.
func LoadFiles(files []File, opts Options) *Set {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	set := &Set{}
	results := make([]result, len(files))
	k := newKeeper()
	for i, f := range files {
		s := source{name: f.Name}
		set.Files = append(set.Files, f.Name)
		if int64(len(f.Data)) > opts.MaxFileSize {
			results[i] = tooLarge(s, opts.MaxFileSize)
		} else {
			results[i] = parseSource(s, f.Data, opts, k)
		}
	}
	var packets []*Packet
	for i, f := range files {
		packets = set.addResult(f.Name, &results[i], packets)
	}
	set.Packets, set.Problems = dedupe(packets, set.Problems)
	ix := newIndex(set.Packets)
	ix.cfg, set.cfg = opts.Config, opts.Config
	set.indexClaims(results, ix, opts.Config)
	for i := range results {
		r := &results[i]
		if p := r.packet; p != nil && !r.skipped() && ix.byID[p.ID] == p {
			set.Problems = append(set.Problems, resolvePending(p, r.rows, r.keeper, ix)...)
		}
	}
	set.Problems = append(set.Problems, addReverse(set.Packets, ix)...)
	sort.Strings(set.Files)
	sort.Strings(set.Skipped)
	sort.Strings(set.Templates)
	set.Problems = gatherSizes(gatherUnknownStatuses(set.Problems))
	sortProblems(set.Problems)
	return set
}
