// Package parser reads work-packet markdown files into Packets.
//
// This comment is the one specification of the packet format: what plan
// reads from a folder of markdown files, and what it reports when it cannot.
//
// # Files
//
// plan reads the files and directories it is given (the current directory
// when none). Directories are walked recursively for files ending in .md or
// .markdown (any case). Hidden directories and files (names starting with
// "."), node_modules and vendor are skipped, and symbolic links to
// directories are not followed (so a symlink loop cannot hang the walk); a
// symbolic link to a file is read. A path named on the command line is read
// whatever its name, and followed if it is a symbolic link. "-" reads one
// document from standard input; it is shown as "<stdin>". Files larger than
// the size limit (10 MB by default) are skipped with a parse warning naming
// them. FIFOs, devices and sockets are never opened for reading in a way
// that could block; they are reported as I/O errors, like unreadable files,
// and every other file is still read. Paths are shown as you would type
// them: relative to the current directory when the argument was relative.
//
// When no argument yields a packet but hidden folders under them hold
// packets (a task board kept in .kit/tasks), Set.Hidden names, for each
// such folder, the deepest folder holding all of its packets, so that
// plan can say what to run instead ("plan .kit/tasks"). .git is never
// named.
//
// The ignore globs of plan.yaml leave files out, matched against the path
// relative to plan.yaml's folder ("**" for any number of folders; a glob
// naming a folder leaves out all under it); a file named as an argument is
// read anyway.
//
// Of two files with one ID, a file inside a folder named archive or
// archived (any case; "8-archive" is not) loses to one outside; otherwise
// the first by path wins. The other file is a duplicate-id error, and the
// problems found in it are not reported: they are not about the packet the
// plan uses.
//
// # What a packet is
//
// A file is a packet when its title line is "<ID><separator><Title>". The
// title line is the first level-1 heading; in a file with no level-1
// heading, the first level-2 heading; or the id: (and title:) of YAML front
// matter, which then wins over any heading. The separator is ":", an em
// dash, an en dash, " - " (with spaces), "·" or "|":
//
//	# P1-ACCESS-001: Content Access & Playback
//	# WP-023 — Scoring Rules
//	## TKT-037 · Media Migration
//
// An ID is groups of capital letters and digits joined by "-", ending in a
// group of digits, with at least one letter: P1-ACCESS-001,
// P1-FE-FOUNDATION-002, GEN-00042 (but not 2024-01-15). The last group of
// digits may carry one letter: WP-005A, WP-053a. An ID from front matter
// may be in any case ("id: task-12"); such a packet is marked
// CaseInsensitiveID and references match it in any case (TASK-12).
// Markdown emphasis around the ID is ignored. A file whose title line does
// not have this form is skipped, and Set.SkipReasons says precisely why:
// it has no heading (and no front matter id), its title heading does not
// start with an ID, its ID is not in capitals, the ID runs on into other
// letters ("WP-001ab"), nothing separates the ID from the title, the title
// is a template's, or the front matter id is no ID. Any other markdown file (a template whose
// heading is "[PACKET-ID]: ...", a README with an index table, a plan
// titled "Implementation Plan: ...") is not a packet and not a problem: it
// is counted as skipped. A skipped file whose title has a placeholder in
// brackets where the ID goes ("# [PACKET-ID]: [Feature Name]") is also
// listed as a template (Set.Templates), so that plan can say so. A
// heading inside a code block is not a heading.
//
// Two files with the same ID are a duplicate-id error naming both files;
// the plan goes on with the first file by path.
//
// # YAML front matter
//
// A document may start with YAML front matter: a "---" line as its first
// line, YAML, and a closing "---" (or "...") line. It is read with a YAML
// library (go.yaml.in/yaml/v3), never by hand, and goldmark does not see
// it; every field's line is its line in the file. The keys read, in any
// case: id and title (the title line, above), status, priority, effort or
// estimate (read as the header fields of those names), dependencies,
// depends_on, requires, blocked_by (required references), optional
// (optional references) and blocks (the reverse edge, as a Blocks line).
// A dependency key's value is a list of IDs or one string of IDs separated
// by commas; each item is a reference row at its own line. Other keys are
// ignored. Front matter that is not valid YAML is a parse warning at its
// line and is ignored. Front matter's fields win over header lines of the
// same field.
//
// # Header fields
//
// The header is everything between the title and the first level-2
// heading. Its lines have one of the forms
//
//	**Field**: value
//	**Field:** value
//	Field: value
//
// (also with __ instead of **, and after a list marker). Field names are
// case-insensitive; the first line of a field counts. Values may carry
// emphasis ("✅ **COMPLETE**"); it is ignored.
//
// Priority: P0 to P3 with anything after ("P0 (Critical - revenue)"), or
// the words Critical, High, Medium, Low (P0 to P3). Missing, empty or TBD:
// no priority, planned after every prioritised packet, with a
// missing-priority warning. Anything else ("P5", "Urgent", the template's
// "P0/P1/P2") is a parse warning and the packet has no priority.
//
// Status: one of four. Words are read in any case, with "_" or "-" for
// spaces (READY_FOR_IMPLEMENTATION), inside `code` or **bold**, and on a
// block-quote line ("> **Status: DONE**").
//
//   - Not started: 🚧, "Not Started", "Todo", "To Do", "Backlog", "Open",
//     "Draft", "Proposed", "Planned", "Ready", "Ready for Implementation",
//     "Approved", "Blocked", "Not Implemented". A packet whose status says
//     Blocked is blocked by its own status line (Packet.StatusBlocked),
//     even when no row says by what.
//   - In progress: 🏗️ (or 🏗), "In Progress", "WIP", "Started", "Partial",
//     or a percentage "NN% complete" or "NN% done" (a percentage of
//     anything else, "80% of tests pass", or a bare "50%", is no
//     progress; the percentage is kept as the progress, rounded down; 0% is not started, 100% complete, and
//     anything between is 1% to 99%, so "99.5% complete" is in
//     progress). A percentage that is not a plain number from 0 to 100
//     ("-5%", "0x32%", "1,5%", "NaN%") is a parse warning and the packet
//     is taken as not started.
//   - Also in progress: "In Review", "Review", "Testing", "QA", "Doing",
//     "Active".
//   - Complete: ✅, "Complete", "Completed", "Done" (also "Done (...)"),
//     "Implemented", "Shipped", "Finished", "Released", "Closed", "Merged",
//     "Resolved", "Verified".
//   - Cancelled: "Cancelled", "Canceled", "Won't Do", "Obsolete",
//     "Superseded", "Abandoned". Cancelled work is neither planned nor
//     remaining: it is not ordered, ready, blocked, on a critical path or
//     in an estimate, and blocks nothing.
//
// A value that is exactly one of these words is that status; otherwise the
// words are looked for inside it, the template's words first (so "Complete
// - ready for QA" is complete). plan.yaml's statuses: (word -> not_started,
// in_progress, complete or cancelled, compared as normalised here) win over
// every built-in word. An unknown word is one parse warning per word per
// folder, at its first file, saying how many files use it and the
// statuses: entry that maps it; those packets are taken as not started.
//
// Words in parentheses are ignored ("✅ Complete (Phase 3)"). A negation
// wins over the word it negates: "🚧 Not Implemented" is not started. Words
// win over the emoji, and the emoji decides when there are no known words
// ("🚧 E2E Tests Pending" is not started). Missing, empty or TBD: not
// started, with a missing-status warning. A value listing several statuses
// (the template's "🚧 Not Started | 🏗️ In Progress | ✅ Complete") or one
// that cannot be read is a parse warning, and the packet is taken as not
// started.
//
// Estimated Effort (also "Effort", "Estimate", "Effort Estimate",
// "Estimated Duration", "Estimated Time", "Time Estimate", and "Size" or
// "Story Points" when there is none of those): a number of working days,
// or a range.
//
//	3-4 days      3–5 days (en dash)    3 to 5 days    5 days    ~3 days
//	2-3d          1-2 weeks (5 days a week)    16-24 hours or 4h (8 hours a day)
//	30 min        15-30 minutes         3-4 (a number without a unit is in days)
//
// Hours and minutes are converted with plan.yaml's hours_per_day and weeks
// with its days_per_week (8 and 5 when unset). A value that starts with
// words has its range read from inside them when it has a unit: "Medium
// (4-5 hours)" is 4-5 hours ("Sprint 3" is no estimate). Anything after
// the estimate is ignored: "1-2 days (reduced from 2-3, skeleton exists)"
// is 1-2 days and "2-4 hours per platform" is 2-4 hours. A T-shirt size
// (XS, S, M, L, XL, XXL, Small, Medium, Large) or story points ("5 points",
// "8 SP", or a bare number on a Size or Story Points line) mean the range
// plan.yaml's sizes: gives them; without one the packet has no estimate,
// and the folder gets one missing-effort warning naming every size found
// there. A Size line that is neither ("505 bytes") is no estimate and no
// warning. A most-likely value is kept when given as
// "(likely 3)" or "(most likely 3)", in the estimate's unit, and must lie
// within the range. An actual effort is kept from an "Actual Effort" (or
// "Actual") line or
// from "(Actual: 4 days)" after the estimate; the line wins. Missing, empty,
// TBD or a template placeholder ("[X-Y days]"): no estimate, with a
// missing-effort warning. A value that cannot be read exactly, such as
// "5-3 days" (reversed), "-2 days", "1e309 days", "NaN days", "3,5 days" or
// "3-4 parsecs", is a parse warning at its line and the packet has no
// estimate: plan never uses a number it is not sure of.
//
// Dependencies: a header line such as
//
//	**Depends on**: P1-CONTENT-001, P1-ECOM-001
//
// adds a reference for each packet ID or link to a packet file on the
// line. The field names, in any case:
//
//   - required: Dependencies, Dependency, Depends On, Depends, Requires,
//     Prerequisites, Blocked By, Hard-deps;
//   - optional: Soft-deps, Optional;
//   - reverse: Blocks, Blocking. The packets named require this one, as if
//     each of them had a required line naming it (an edge that is already
//     there is not added twice). The reference is at the requiring
//     packet's title line, and remembers the file and line of the Blocks
//     line.
//
// A value wraps onto the lines after it in the same paragraph that are not
// themselves "Field: value" lines ("**Requires**: WP-011 and, once
// settled,\nWP-012" requires both). An empty value followed at once by a
// list takes the list's items, one reference row per item; an item
// labelled "**Hard:**" (or Required) is required and "**Soft:**" (or
// Optional) optional whatever the line says:
//
//	**Dependencies**:
//	- **Hard:** WP-012
//	- **Soft:** WP-014
//
// Related, Parent and Part of lines are not dependencies.
//
// Outside the header and the Dependencies sections (under "## Related
// Tasks", say, or in any later section, also in a list item or a block
// quote), the lines Depends On, Depends, Blocked By, Hard-deps (required),
// Soft-deps (optional) and Blocks, Blocking (reverse) are read as in the
// header, wrapping and empty value followed by a list included. The other
// header names are not read there: "Dependencies: Go 1.22" or "Requires:
// UTF-8 input" in prose name no packet. A list takes an empty line's
// value only when it follows at once: never across a heading.
//
// Not references, in header values, list items and table cells: an ID
// struck through ("~~ASK-0042~~", done with or withdrawn), and all of a
// header value or list item that starts with the word None ("None.
// Independent of WP-082", "None (can start immediately)").
//
// # The Dependencies section
//
// The Dependencies section starts at a heading whose text is
// "Dependencies", at any level, also numbered ("## 6. Dependencies") or
// followed by more words ("Dependencies & Prerequisites"), and ends at the
// next heading of the same or a higher level. "Upstream Dependencies" (in
// the template's System Context) and "Package Dependencies" are not it.
//
// Sub-headings inside the section say what the tables under them hold:
//
//   - Required, Blocking, Required (Blocking): required rows.
//   - Optional, Nice to Have, Optional (Nice to Have), Non-Blocking, Soft:
//     optional rows.
//   - Anything else (Infrastructure Ready, Package Dependencies, Critical
//     Blocker): no dependency rows.
//
// The words "Dependencies" and "Packets" and numbering do not change the
// meaning ("### 6.1 Required Dependencies" is required). A table directly
// under the Dependencies heading is required. Only real markdown tables
// count (GitHub tables, as goldmark reads them), and the items of
// markdown lists: each item is read like a table row whose dependency
// cell is the item's first paragraph, with no status cell ("- WP-011
// (schema)" is a reference, "- A Grafana account" an external); a table
// inside an item (in a block quote, say) is read as a table. An item
// that starts with None ("- None (can start immediately)"), or a label
// whose value does ("- **Internal**: None (uses existing ones)"), is no
// row at all, not an external.
//
// A paragraph of the section is read for dependency lines as the header
// is ("**Depends On**: WP-002"), with every header name. A paragraph
// whose last line is a field with an empty value labels the list right
// after it: a dependency name makes its items rows of that kind
// ("**Blocked By**:" required, "**Optional**:" optional, "**Blocks**:"
// the reverse edge, whose items name packets or nothing and are never
// externals), whatever the sub-heading says; "**Related**:", "**Parent**:",
// "**Part of**:" or "**See also**:" make it no rows; any other label
// ("**External**:") leaves the list to the sub-heading. Lines
// inside fenced or
// indented code blocks and HTML comments are never rows, and a
// "## Dependencies" heading inside a code block is not a heading.
//
// Required rows order and block the packet; optional rows are drawn but
// never block, order or schedule anything.
//
// # Tables
//
// Columns are found by their header text, in any order; other columns are
// ignored:
//
//   - the dependency column: Dependency, Dependencies, Packet, Item, Name
//     (or ID); otherwise the first column;
//   - Status;
//   - the description: Description, Notes, Details.
//
// Cells are read as plain text: emphasis, code marks and escapes are
// removed ("❌ **BLOCKED**" is "❌ BLOCKED"), and an escaped pipe "\|" is a
// pipe inside the cell. A row whose dependency cell is empty is skipped.
//
// # Resolving a row
//
// Each row names packets, or else is an external dependency.
//
//  1. A markdown link in the dependency cell whose target is the file of a
//     packet read in the same run refers to that packet, even when the link
//     text has no ID: [Content Service](../backend/content.md). Fragments
//     (#section) are ignored; web links are never packet files.
//  2. Packet IDs in the dependency cell, bare, as "Name (ID)", "**ID**" or
//     "`ID`", several per cell ("P1-A-001, P1-B-002").
//  3. Only when the dependency cell names no packet: packet IDs in the
//     description (the template's "Waiting for [work packet ID]").
//
// Each reference records how it was found (Ref.Via: a link, an ID in a
// table, a header line, a list item, another packet's Blocks line, a
// description) and the row's dependency text (Ref.Source), for plan
// explain.
//
// An ID range names every packet read in it: "TKT-031 through TKT-045",
// "TKT-031 to TKT-045", "TKT-031..TKT-045", "TKT-031–TKT-045" (en dash).
// Both ends have one prefix and the first number is not above the second;
// the range holds the packets read with that prefix whose last group of
// digits is between them, ends included (with any letter suffix), whether
// or not a file exists for every number. A range that holds no packet read
// is a dangling-ref warning. (Parse keeps the two ends.)
//
// An ID-shaped token that matches no packet is a dangling-ref warning at
// that row. When only IDs with a letter suffix exist (WP-005A, WP-005B for
// WP-005), the warning names them. In a required row (not a Blocks line)
// the reference still blocks the packet: it "waits on WP-104, which has no
// file" (Packet.Missing; the graph lists it as blocked and never ready)
// until that packet exists. An optional one makes no dependency. (Parse,
// which reads one file alone, keeps every ID-shaped token as a reference
// and follows no links.)
//
// A packet whose ID comes from YAML front matter (Packet.CaseInsensitiveID)
// matches references in any case: TASK-12 names task-12.
//
// A required reference to a cancelled packet is a requires-cancelled
// warning and makes no edge: cancelled work will not be done, so nothing
// waits on it. The same holds for a Blocks line of a cancelled packet.
// A row gets at most three dangling-ref and three stale-status warnings;
// one more of each kind counts the rest. A warning quotes at most the
// first 60 characters of a cell, ending in "…" where it was cut.
//
// Every other row is an external dependency (a service, a package, an
// account) whose class comes from its status cell:
//
//   - available: ✅, Available, Complete, Done, Ready, Exists, Installed,
//     Configured;
//   - blocking: ❌, Blocked, Not Installed, Not Provisioned, Missing, Not
//     Started, Unavailable (and other negations: Not Ready, Not Available);
//   - at risk: ⚠️, 🏗️, Partial, Pending, In Progress, Required;
//   - future: 🚧, Future, Parallel, Planned;
//   - then every word of a packet's Status line (above): not started is
//     blocking (Todo, Backlog, Open, Draft), in progress at risk (In
//     Review, Testing, QA), complete available (Merged, Closed,
//     Resolved); a cancelled word (Won't Do) is unknown;
//   - unknown: anything else.
//
// Words are read in any case, with "_" or "-" for spaces (IN_REVIEW,
// not-started), and code and bold marks are gone from a cell's text.
// plan.yaml's statuses: are read in cells too and win over all of these,
// a cell that is exactly such a word meaning what its status means here
// ("Deployed: complete" makes a "Deployed" cell available). A
// percentage "NN% complete" or "NN% done" is at risk (in progress), 0%
// blocking and 100% available, as in a packet's Status line; any other
// percentage is no progress. Words are looked for before emoji, the
// cell's own words first and negations first, so "❌ Not Installed" is
// blocking although "Installed" alone is available, and "Ready" is an
// available external. Words in parentheses are ignored. Only blocking externals of required tables block
// their packet; at-risk ones are reported as risks.
// A percentage that is no plain number from 0 to 100 makes the cell
// unknown.
//
// # Stale status cells
//
// A referenced packet's own Status is the truth. When a row's status cell
// contradicts it, the row is a stale-status warning naming the packet and
// both statuses: the cell says complete or available (an available class)
// but the packet is not complete, or the cell says blocked or not started
// (a blocking class) but the packet is complete. Other cells ("🚧 Future",
// "⚠️ In Progress") are never stale.
//
// # Index files
//
// A file that is no packet (a README, a board) may list packets as a
// task list. An item whose text starts with a packet ID read in the same
// run, after its box, says whether that packet is done:
//
//   - [x] WP-001 Board model
//   - [ ] **WP-002** — Move validation
//   - [ ] [WP-003](WP-003.md) Scoring
//
// "[x]" (or "[X]") claims done, "[ ]" not done. It is read like a status
// cell: by default the packet's own Status is the truth, and an item that
// contradicts it (done for a packet that is not complete or cancelled,
// not done for a complete one) is a stale-status warning at the item's
// line, which plan sync fixes by flipping the box (and nothing else).
// With status_source: index in plan.yaml the index is the truth: the
// first item about a packet sets its status (done is complete; not done
// makes a complete packet not started and leaves any other status), and a
// Status line that contradicts it is the stale-status warning, at that
// line; plan sync rewrites its value to "✅ Complete" or "🚧 Not Started",
// keeping the field name and the emphasis around the value, and the rows
// are checked against the index's statuses. Items in code blocks, items
// whose text does not start with an ID, and IDs no packet has say
// nothing; a packet's own task lists are not claims. Set.Indexes names
// the index files.
//
// # Encodings
//
// A UTF-8 byte-order mark and CRLF (or CR) line endings change nothing;
// line numbers are the same. Files are expected to be UTF-8, and files that
// were mis-encoded once are read as if they were not: UTF-8 that was read as
// Windows-1252 and saved again ("✅" became "âœ…", "🚧" became "ðŸš§") is
// decoded back wherever the decoding is unambiguous, so titles, names and
// every field and status cell are recognised in that form too. The emoji
// whose bytes Windows-1252 lacks were damaged beyond a plain decoding ("❌"
// became "âŒ", "🏗️" became "ðŸ—ï¸", "⚠️" became "âš ï¸"); these forms are
// recognised from a table. Real text that only looks like a mis-encoding
// ("CAFÉ–BAR", "naïve") is left alone.
//
// # Positions
//
// Every packet, row and problem carries its file and its 1-based line: the
// title's line for a packet and for a missing field, the field's line for a
// field, the table row's line for a row.
//
// # Problems
//
// Problems are errors (which fail plan check) or warnings. The parser
// reports:
//
//   - duplicate-id (error): two files have the same packet ID.
//   - dangling-ref (warning): a row names an ID that is no packet (in a
//     required row, the packet waits on it).
//   - requires-cancelled (warning): a required row names a cancelled
//     packet; it makes no edge.
//   - id-case (warning): a row's dependency cell names a packet in lower
//     or mixed case ("p1-access-001"). IDs are upper case, so the row is
//     an external dependency; the warning says which packet it meant.
//   - stale-status (warning): a row's status cell contradicts the
//     referenced packet's own status.
//   - missing-priority, missing-status, missing-effort (warnings): the
//     header has no such field, or it is empty or TBD.
//   - parse (warning): a value is present but cannot be used (a malformed
//     effort, an unknown status or priority, a most-likely value outside
//     its range), or a file is too large to read. The message says what
//     plan does instead.
//
// The planner adds cycle (error) and inconsistent-status (warning); see
// the graph package.
//
// # Reading only what matters
//
// Of a packet file, only the title, the header and the Dependencies
// sections matter. A line scanner that knows fenced code blocks, HTML
// blocks and headings finds them, and only those parts are handed to
// goldmark, with their line numbers; the results are the same as when
// goldmark reads the whole file. A line elsewhere that may be a
// dependency line (its text before its first ":" has "depend", "block" or
// "deps" in any case) adds the lines from the heading before it to the
// heading after it. When the scanner cannot be sure where the parts are
// (a setext heading that may say Dependencies, a heading that may sit in
// a list item, an HTML block that may hide one, a reference link defined
// outside the parts), that file is read whole.
//
// # Limits
//
// goldmark's time and memory grow sharply with the nesting of lists and
// block quotes, so what is handed to it is bounded (see [MaxNesting] and
// [MaxWeight]): reading stops before a line nested more than 32 lists or
// block quotes deep, and after 50,000 lines (a nested line counting once
// per level: a Dependencies table of about 50,000 rows). The limits count
// every line of the file, wherever it is, so that a file reads the same
// whether goldmark is handed its parts or all of it: a file past either
// limit is read whole.
// Either is a parse warning at the line where reading stopped; the title,
// the header and the rows before that line are kept. A thematic break
// ("- - -") is not nesting.
//
// goldmark's time also grows with the number of link and emphasis openers
// ("[", "(", "!", "*", "_", "~", "`", "<") in one paragraph, heading or
// table row times its size, so a block holding more than 128 of them
// ([MaxMarks]) has the rest read as plain text, with one parse warning at
// the first line where that happens; the file is then read whole. A
// paragraph ends at a blank line, a heading, a list item or a code fence;
// each row of a table counts on its own.
//
// # plan.yaml
//
// What a packet cannot say, a folder's plan.yaml can ([Config]). plan looks
// for it in the folder it reads (the folder of the first path, or of the
// file named), then in each parent folder, up to and including the
// repository root (the first folder holding a .git entry), or up to the
// filesystem root outside a repository; --config FILE names it instead.
// The keys, all optional:
//
//	statuses:        # status word -> not_started | in_progress | complete | cancelled
//	  Shipped: complete
//	  READY_FOR_QA: in_progress
//	sizes:           # size word (any case) -> range of days, read like an effort
//	  S: 1-2d
//	  M: 3-5d
//	hours_per_day: 8 # converts hours and minutes into days (default 8)
//	days_per_week: 5 # converts weeks into days (default 5)
//	ignore:          # globs, relative to plan.yaml's folder, of files not to read
//	  - archive/**
//	status_source: packets  # or index: an index file's task list is the truth (see Index files)
//	team: 3          # defaults for the flags of the same names
//	sprint: 10
//	start: 2026-12-01
//	holidays: [2026-12-24, 2026-12-25]
//	dist: lognormal
//	seed: 1
//
// Status words are compared as the status reader compares them: in any
// case, with "_" and "-" read as spaces; plan.yaml's words win over the
// built-in ones. A size's range is read like an Estimated Effort value
// ("3-5d", "2 weeks", "4-6 hours"), hours and weeks converted with the
// folder's hours_per_day and days_per_week, and must say nothing else. An
// ignore glob is matched against a file's path relative to plan.yaml's
// folder ("*" within one folder, "**" across any number of them); a glob
// that names a folder leaves out everything under it; a file named on the
// command line is read whatever the globs say. A
// flag given on the command line wins over plan.yaml. A key plan does not
// know, a key set twice, or a value that cannot be read is an error naming
// plan.yaml and the line ("plan.yaml:4: error: team: "lots" is not a
// number of people ..."); plan then reads nothing and exits 2.
package parser
