package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
)

var words = strings.Fields(`service request response cache invalidation tenant
	account session token schema migration index query latency throughput retry
	backoff queue worker event payload webhook signature checkout order invoice
	refund ledger balance catalog product variant inventory search ranking
	facet filter pagination cursor upload media transcoding thumbnail storage
	bucket object policy permission role audit log metric trace alert dashboard
	deploy rollout canary feature flag configuration secret rotation backup
	restore replica shard partition consistency idempotent transaction boundary
	validation error handling timeout circuit breaker rate limit quota billing
	email notification template preference locale currency tax shipping address
	the a an of to for with and or on in by from that which when each every must
	should may will can is are be stays keeps returns records checks writes reads`)

var titleWords = strings.Fields(`Catalog Checkout Payments Search Notifications
	Media Upload Transcoding Accounts Sessions Billing Invoices Refunds Reports
	Dashboard Settings Inventory Shipping Tax Webhooks Audit Export Import Sync
	Cache Gateway Queue Scheduler Library Player Analytics Onboarding Profiles`)

var sections = []string{"API Integration", "Error Handling", "Security Policies", "Performance Considerations", "Rollout", "Observability"}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func title(r *rand.Rand) string {
	return titleWords[r.IntN(len(titleWords))] + " " + titleWords[r.IntN(len(titleWords))]
}

// gen writes one document.
type gen struct {
	b *bytes.Buffer
	r *rand.Rand
}

func (g *gen) p(format string, args ...any) { fmt.Fprintf(g.b, format, args...) }

func (g *gen) sentence() {
	n := 8 + g.r.IntN(14)
	for i := range n {
		w := words[g.r.IntN(len(words))]
		if i == 0 {
			w = capital(w)
		}
		g.b.WriteString(w)
		if i < n-1 {
			g.b.WriteByte(' ')
		}
	}
	g.b.WriteString(". ")
}

func (g *gen) paragraph() {
	for range 3 + g.r.IntN(4) {
		g.sentence()
	}
	g.b.WriteString("\n\n")
}

func (g *gen) list(n int) {
	for range n {
		g.p("- **%s**: ", capital(words[g.r.IntN(40)]))
		g.sentence()
		g.b.WriteString("\n")
		if g.r.IntN(4) == 0 {
			g.b.WriteString("  - ")
			g.sentence()
			g.b.WriteString("\n")
		}
	}
	g.b.WriteString("\n")
}

func (g *gen) code(lang string, lines int) {
	fence := "```"
	if g.r.IntN(5) == 0 {
		fence = "~~~"
	}
	g.p("%s%s\n", fence, lang)
	for i := range lines {
		switch {
		case lang == "sql" && i == 0:
			g.p("CREATE TABLE %s (\n", words[g.r.IntN(40)])
		case lang == "sql":
			g.p("  %s_%s TEXT NOT NULL, -- %s\n", words[g.r.IntN(40)], words[g.r.IntN(40)], words[g.r.IntN(len(words))])
		case lang == "bash" && i%3 == 0:
			g.p("# %s the %s\n", words[g.r.IntN(40)], words[g.r.IntN(40)])
		case lang == "bash":
			g.p("pnpm --filter @app/%s run %s\n", words[g.r.IntN(40)], words[g.r.IntN(40)])
		case lang == "markdown" && i == 0:
			g.b.WriteString("## Dependencies\n")
		case lang == "markdown":
			g.p("| %s | ✅ Complete |\n", words[g.r.IntN(40)])
		default:
			g.p("  const %s = await %s.%s(%s); // %s\n", words[g.r.IntN(40)], words[g.r.IntN(40)], words[g.r.IntN(40)], words[g.r.IntN(40)], words[g.r.IntN(len(words))])
		}
	}
	if lang == "sql" {
		g.b.WriteString(");\n")
	}
	g.p("%s\n\n", fence)
}

func (g *gen) table(rows int) {
	g.b.WriteString("| Endpoint | Method | Purpose |\n|----------|--------|---------|\n")
	for range rows {
		g.p("| `/api/%s/:id` | %s | %s %s |\n", words[g.r.IntN(40)], []string{"GET", "POST", "PATCH", "DELETE"}[g.r.IntN(4)], words[g.r.IntN(40)], words[g.r.IntN(40)])
	}
	g.b.WriteString("\n")
}

var statusWords = map[string][]string{
	"complete":    {"✅ Complete", "✅ Done", "✅ **COMPLETE**", "Complete"},
	"in_progress": {"🏗️ In Progress", "🏗️ %d%% complete", "In Progress"},
	"not_started": {"🚧 Not Started", "🚧 Not Implemented", "Not Started", "🚧 Planned"},
}

func (g *gen) status(p *Packet) string {
	ws := statusWords[p.Status]
	w := ws[g.r.IntN(len(ws))]
	if strings.Contains(w, "%d") {
		w = fmt.Sprintf(w, p.Progress)
	}
	return w
}

// cell is the status cell a row about q shows: q's own status, in the
// words dependency tables use.
func (g *gen) cell(q *Packet, stale bool) string {
	st := q.Status
	if stale {
		st = "complete"
		if q.Status == "complete" {
			st = "not_started"
		}
	}
	switch st {
	case "complete":
		return []string{"✅ Complete", "✅ Available", "✅ Done"}[g.r.IntN(3)]
	case "in_progress":
		return "🏗️ In Progress"
	}
	return []string{"🚧 Not Started", "🚧 Future", "❌ Not Started"}[g.r.IntN(3)]
}

// Render writes packet i's document to b. The document is drawn from its
// own stream seeded by the corpus seed and i.
func (c *Corpus) Render(b *bytes.Buffer, i int) {
	p := &c.Packets[i]
	g := &gen{b: b, r: rand.New(rand.NewPCG(c.Options.Seed, uint64(i)+1))}
	start := b.Len()
	size := c.Options.Size

	g.p("# %s: %s\n\n", p.ID, p.Title)
	g.p("**Priority**: P%d\n", p.Priority)
	g.p("**Status**: %s\n", g.status(p))
	g.p("**Estimated Effort**: %d-%d days\n", p.Low, p.High)
	if p.Status == "complete" && g.r.IntN(3) == 0 {
		g.p("**Actual Effort**: %d days\n", p.Low+g.r.IntN(p.High-p.Low+2))
	}
	g.b.WriteString("\n---\n\n## Table of Contents\n\n")
	for _, s := range []string{"Overview", "System Context", "Database Schema", "Service Architecture", "API Integration", "Dependencies", "Implementation Checklist", "Testing Strategy", "Notes"} {
		g.p("- [%s](#%s)\n", s, strings.ToLower(strings.ReplaceAll(s, " ", "-")))
	}
	g.b.WriteString("\n---\n\n## Overview\n\n")
	g.paragraph()
	g.paragraph()
	g.list(4)
	g.b.WriteString("## System Context\n\n### Upstream Dependencies\n\n")
	for _, j := range p.Requires {
		q := &c.Packets[j]
		g.p("**%s** (%s):\n", q.Title, q.ID)
		g.list(2)
	}
	g.paragraph()
	g.b.WriteString("### Downstream Consumers\n\n")
	g.list(3)
	g.b.WriteString("> **Note**: ")
	g.sentence()
	g.b.WriteString("\n\n## Database Schema\n\n")
	g.paragraph()
	g.code("sql", 8+g.r.IntN(8))
	g.b.WriteString("## Service Architecture\n\n")
	g.paragraph()
	g.code("ts", 10+g.r.IntN(10))
	g.paragraph()

	// Filler up to the point where the rest of the document fits the size.
	tail := 3200
	for section := 1; b.Len()-start < size-tail; section++ {
		g.p("### %s %s\n\n", capital(words[g.r.IntN(40)]), words[g.r.IntN(40)])
		switch g.r.IntN(6) {
		case 0:
			g.table(4 + g.r.IntN(5))
		case 1:
			g.code("bash", 6+g.r.IntN(6))
		case 2:
			g.list(3 + g.r.IntN(3))
		case 3:
			g.b.WriteString("1. Step one:\n   ```bash\n   # run it\n   pnpm test\n   ```\n2. Step two\n\n")
		case 4:
			g.b.WriteString("An example of the section a packet has (not this packet's):\n\n")
			g.code("markdown", 3)
		default:
			g.paragraph()
		}
		if section%4 == 0 {
			g.p("## %s\n\n", sections[(section/4)%len(sections)])
			g.table(3)
		}
	}

	// The Dependencies section: ~0.8 KB near the end.
	g.b.WriteString("## Dependencies\n\n### Required (Blocking)\n\n| Dependency | Status | Description |\n|------------|--------|-------------|\n")
	for k, j := range p.Requires {
		q := &c.Packets[j]
		g.p("| %s (%s) | %s | %s %s |\n", q.Title, q.ID, g.cell(q, k == p.Stale), words[g.r.IntN(40)], words[g.r.IntN(40)])
	}
	if g.r.IntN(6) == 0 {
		g.p("| %s account | %s | finance signs first |\n", titleWords[g.r.IntN(len(titleWords))], []string{"❌ Not Provisioned", "⚠️ Pending", "✅ Available"}[g.r.IntN(3)])
	}
	g.b.WriteString("| Auth Service | ✅ Available | sessions and roles |\n\n")
	if len(p.Optional) > 0 {
		g.b.WriteString("### Optional (Nice to Have)\n\n| Dependency | Status | Description |\n|------------|--------|-------------|\n")
		for _, j := range p.Optional {
			q := &c.Packets[j]
			g.p("| %s | %s | %s |\n", q.ID, g.cell(q, false), words[g.r.IntN(40)])
		}
		g.b.WriteString("\n")
	}
	g.b.WriteString("### Infrastructure Ready\n\n| Dependency | Status | Description |\n|------------|--------|-------------|\n| PostgreSQL | ✅ Available | primary store |\n| Object storage | ✅ Available | media |\n\n")

	g.b.WriteString("---\n\n## Implementation Checklist\n\n")
	for range 6 {
		g.p("- [%s] ", []string{" ", "x"}[g.r.IntN(2)])
		g.sentence()
		g.b.WriteString("\n")
	}
	g.b.WriteString("\n## Testing Strategy\n\n")
	g.paragraph()
	g.code("ts", 6)
	g.b.WriteString("## Notes\n\n<!-- reviewed in planning; keep the table above current -->\n\n")
	g.paragraph()
}
