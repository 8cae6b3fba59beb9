// Package corpus generates seeded, realistic folders of work packets for
// benchmarks and tests: nested folders, ~15 KB documents of prose, code
// blocks and tables with the Dependencies section near the end, a layered
// random dependency graph and, on request, dependency cycles.
//
// The same Options give the same bytes, whatever the number of cores.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Options say what to generate.
type Options struct {
	// Packets is the number of packet files.
	Packets int
	// Seed fixes every random choice.
	Seed uint64
	// Cycles is the number of dependency cycles (of 2 to 4 packets) added
	// to the otherwise acyclic graph.
	Cycles int
	// Layers is the number of layers of the graph; a packet requires
	// packets of earlier layers only. 0 means about the square root of
	// Packets.
	Layers int
	// Size is the approximate size of a document in bytes; 0 means 15,000.
	Size int
}

// Packet is one generated packet.
type Packet struct {
	ID    string
	Title string
	// File is the path relative to the corpus folder, with slashes.
	File     string
	Layer    int
	Priority int // 0..3
	// Status is "complete", "in_progress" or "not_started"; Progress is
	// the percentage of an in-progress packet.
	Status   string
	Progress int
	// Low and High are the estimate in days.
	Low, High int
	// Requires and Optional are indexes into Corpus.Packets.
	Requires []int
	Optional []int
	// Stale is the index in Requires of a row whose status cell is wrong,
	// or -1.
	Stale int
}

// Corpus is a generated set of packets, before or after it is written.
type Corpus struct {
	Options Options
	Packets []Packet
	// Edges is the number of required dependency rows.
	Edges int
	// Extra are the markdown files that are not packets (a README per
	// area), relative to the corpus folder.
	Extra []string
}

var areas = []struct{ dir, prefix string }{
	{"backend/catalog", "BE-CAT"}, {"backend/payments", "BE-PAY"}, {"backend/search", "BE-SRCH"},
	{"backend/notify", "BE-NTF"}, {"frontend/web", "FE-WEB"}, {"frontend/admin", "FE-ADM"},
	{"frontend/design", "FE-DS"}, {"platform/infra", "PL-INF"}, {"platform/data", "PL-DATA"},
	{"mobile/app", "MB-APP"},
}

// New plans a corpus: packets, folders and the dependency graph.
func New(opts Options) *Corpus {
	if opts.Size <= 0 {
		opts.Size = 15_000
	}
	n := opts.Packets
	layers := opts.Layers
	if layers <= 0 {
		layers = max(1, int(math.Sqrt(float64(n))))
	}
	r := rand.New(rand.NewPCG(opts.Seed, 0x5eed))
	c := &Corpus{Options: opts, Packets: make([]Packet, n)}
	perLayer := (n + layers - 1) / max(layers, 1)
	for i := range c.Packets {
		a := areas[i%len(areas)]
		layer := i / max(perLayer, 1)
		p := &c.Packets[i]
		p.ID = fmt.Sprintf("%s-%05d", a.prefix, i+1)
		p.Title = title(r)
		slug := strings.ToLower(strings.ReplaceAll(p.Title, " ", "-"))
		// Nested folders: area, then a group of 100 packets.
		p.File = fmt.Sprintf("%s/group-%03d/%s-%s.md", a.dir, i/(100*len(areas)), p.ID, slug)
		p.Layer = layer
		p.Priority = r.IntN(4)
		p.Low = 1 + r.IntN(5)
		p.High = p.Low + r.IntN(4)
		p.Stale = -1
		// Earlier layers are more often done: a project under way.
		frac := float64(layer) / float64(max(layers, 1))
		switch {
		case frac < 0.3 && r.IntN(10) < 9:
			p.Status = "complete"
		case frac < 0.45 && r.IntN(3) == 0:
			p.Status = "in_progress"
			p.Progress = 10 * (1 + r.IntN(9))
		default:
			p.Status = "not_started"
		}
		if layer > 0 {
			lo := max(0, (layer-3)*perLayer) // mostly the last three layers
			hi := layer * perLayer
			for k := r.IntN(5); k > 0; k-- {
				j := lo + r.IntN(hi-lo)
				if !containsInt(p.Requires, j) {
					p.Requires = append(p.Requires, j)
				}
			}
		}
		if i > 0 && r.IntN(4) == 0 {
			if j := r.IntN(n); j != i && !containsInt(p.Requires, j) {
				p.Optional = append(p.Optional, j)
			}
		}
	}
	// A complete packet needs complete prerequisites, or the plan says
	// "inconsistent-status" for most of the corpus; a few stay wrong.
	for i := range c.Packets {
		p := &c.Packets[i]
		if p.Status != "complete" {
			continue
		}
		for _, j := range p.Requires {
			if c.Packets[j].Status != "complete" && r.IntN(50) != 0 {
				p.Status = "in_progress"
				p.Progress = 90
			}
		}
	}
	for i := range c.Packets {
		p := &c.Packets[i]
		if len(p.Requires) > 0 && r.IntN(40) == 0 {
			p.Stale = r.IntN(len(p.Requires))
		}
	}
	for k := 0; k < opts.Cycles && n > 1; k++ {
		c.addCycle(r)
	}
	for _, p := range c.Packets {
		c.Edges += len(p.Requires)
	}
	for _, a := range areas[:min(len(areas), n)] {
		c.Extra = append(c.Extra, a.dir+"/README.md")
	}
	return c
}

// addCycle closes a chain of required rows x -> y (-> z ...) with a row
// back to x, or makes a packet require one that requires it.
func (c *Corpus) addCycle(r *rand.Rand) {
	for range 100 {
		x := r.IntN(len(c.Packets))
		chain := []int{x}
		for len(chain) < 2+r.IntN(3) {
			reqs := c.Packets[chain[len(chain)-1]].Requires
			if len(reqs) == 0 {
				break
			}
			chain = append(chain, reqs[r.IntN(len(reqs))])
		}
		if len(chain) < 2 {
			continue
		}
		last := &c.Packets[chain[len(chain)-1]]
		if containsInt(last.Requires, x) || last.Status == "complete" {
			continue
		}
		last.Requires = append(last.Requires, x)
		return
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// Write generates a corpus into dir (created if needed) and returns it.
// Files are written by as many goroutines as there are cores; each
// document is drawn from its own seeded stream.
func Write(dir string, opts Options) (*Corpus, error) {
	c := New(opts)
	dirs := map[string]bool{}
	for _, p := range c.Packets {
		dirs[filepath.Dir(p.File)] = true
	}
	for _, e := range c.Extra {
		dirs[filepath.Dir(e)] = true
	}
	for d := range dirs {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return nil, err
		}
	}
	for _, e := range c.Extra {
		readme := "# " + filepath.Dir(e) + "\n\nThe packets of this area. See the [template](TEMPLATE.md).\n\n| Packet | Title |\n|---|---|\n| ... | ... |\n"
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(e)), []byte(readme), 0o644); err != nil {
			return nil, err
		}
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		errs  []error
		next  = make(chan int, 64)
		nwork = runtime.GOMAXPROCS(0)
	)
	for range nwork {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				buf.Reset()
				c.Render(&buf, i)
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(c.Packets[i].File)), buf.Bytes(), 0o644); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range c.Packets {
		next <- i
	}
	close(next)
	wg.Wait()
	return c, errors.Join(errs...)
}
