#!/usr/bin/env bash
# End-to-end timing of plan against cat, on both corpus generators, as
# testdata/bench/README.md reports it. Run from the repository root:
#
#	testdata/bench/e2e.sh [WORKDIR [ROUNDS]]
#
# It builds plan and plan-corpus and generates seeded corpora of 10,000
# packets (reused when WORKDIR already has them): c10000 from
# cmd/plan-corpus (-seed 1) and g10000 from ../shared/bench/gen_corpus.py
# (--seed 42; skipped when the script is absent). E2E_BIG=1 adds the
# 100,000-packet corpora of both (1.5 GB each; gen_corpus.py takes ~10
# minutes to write its one) for the linear-growth and memory targets.
#
# For each corpus it warms the page cache and runs, ROUNDS times (default
# 5) and alternating so that the host's load falls on every command alike:
#   cat       xargs cat of every file (to /dev/null)
#   check     plan check
#   json      plan --json
#   estimate  plan estimate --iterations 10000
# and prints, per command, the median wall time and the median CPU time
# (user + system, from /usr/bin/time), each also divided by cat's; the
# peak resident set; cat's throughput; and what plan estimate costs beyond
# plan check, divided by 10,000 iterations and the required edges between
# unfinished packets (counted from plan --json; edges closing a cycle are
# counted too, so the figure is a slight underestimate when there are
# cycles); then the simulation benchmark alone on the generated graph
# (E2E_NOBENCH=1 skips it). The machine's cores and load (uptime) are printed before and
# after: on a shared machine the medians move by tens of percent between
# runs, so compare ratios from one run only.
set -eu
work=${1:-${TMPDIR:-/tmp}/plan-bench}
rounds=${2:-5}
iterations=10000
gen=../shared/bench/gen_corpus.py
mkdir -p "$work"
go build -o "$work/plan" ./cmd/plan
go build -o "$work/plan-corpus" ./cmd/plan-corpus

sizes=10000
if [ "${E2E_BIG:-}" = 1 ]; then
	sizes="10000 100000"
fi
corpora=()
for n in $sizes; do
	if [ ! -d "$work/c$n" ]; then
		"$work/plan-corpus" -n "$n" -seed 1 -out "$work/c$n" >&2
	fi
	corpora+=("c$n")
	if [ -f "$gen" ]; then
		if [ ! -d "$work/g$n" ]; then
			python3 "$gen" "$work/g$n" --packets "$n" --seed 42 >&2
		fi
		corpora+=("g$n")
	fi
done

# stats FILE...: for each file of "wall user sys maxrss_kb" lines, print
# "median_wall median_cpu max_rss_mb".
stats() {
	python3 - "$@" <<'EOF'
import statistics, sys
for f in sys.argv[1:]:
    rows = [l.split() for l in open(f) if l[:1].isdigit()]
    wall = statistics.median(float(r[0]) for r in rows)
    cpu = statistics.median(float(r[1]) + float(r[2]) for r in rows)
    rss = max(int(r[3]) for r in rows) / 1024
    print(f"{wall:.3f} {cpu:.3f} {rss:.0f}")
EOF
}

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cores: $(nproc); $(uptime)"
echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
for c in "${corpora[@]}"; do
	dir="$work/$c"
	[ -d "$dir/packets" ] && dir="$dir/packets" # gen_corpus.py's layout
	list="$work/$c.list"
	find "$dir/" -name '*.md' -print0 >"$list"
	xargs -0 -a "$list" cat >/dev/null # warm the page cache
	bytes=$(xargs -0 -a "$list" cat | wc -c)
	names=(cat check json estimate)
	cmds=(
		"xargs -0 -a $list cat"
		"$work/plan check $dir"
		"$work/plan --json $dir"
		"$work/plan estimate --iterations $iterations $dir"
	)
	tmp=$(mktemp -d)
	for _ in $(seq "$rounds"); do
		for i in "${!cmds[@]}"; do
			# plan check exits 1 when it finds errors: still a timing.
			/usr/bin/time -f '%e %U %S %M' -a -o "$tmp/$i" sh -c "${cmds[$i]} >/dev/null 2>&1 || true"
		done
	done
	read -r cwall ccpu _ < <(stats "$tmp/0")
	edges=$("$work/plan" --json "$dir" 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
open_ = {p["id"] for p in d["packets"] if p["status"] not in ("complete", "cancelled")}
print(sum(1 for p in d["packets"] if p["id"] in open_ for r in p["requires"] if r in open_))')
	echo
	echo "== $c: $(find "$dir/" -name '*.md' | wc -l) files, $bytes bytes; $rounds rounds, alternating; medians"
	awk -v b="$bytes" -v w="$cwall" 'BEGIN { printf "cat throughput: %.2f GB/s (wall)\n", b / w / 1e9 }'
	printf '%-10s %9s %9s %9s %9s %8s\n' command wall "÷cat" cpu "÷cat" rss_MB
	for i in "${!cmds[@]}"; do
		read -r wall cpu rss < <(stats "$tmp/$i")
		awk -v n="${names[$i]}" -v w="$wall" -v c="$cpu" -v r="$rss" -v cw="$cwall" -v cc="$ccpu" \
			'BEGIN { printf "%-10s %8.3fs %8.2fx %8.3fs %8.2fx %8d\n", n, w, w / cw, c, (cc > 0 ? c / cc : 0), r }'
	done
	read -r chwall chcpu _ < <(stats "$tmp/1")
	read -r ewall ecpu _ < <(stats "$tmp/3")
	awk -v e="$ewall" -v ch="$chwall" -v ec="$ecpu" -v cc="$chcpu" -v n="$edges" -v it="$iterations" \
		'BEGIN { if (n > 0) printf "estimate - check: %.2f ns per edge-iteration (wall), %.2f (CPU); %d required edges between unfinished packets\n", (e - ch) * 1e9 / (n * it), (ec - cc) * 1e9 / (n * it), n }'
	rm -rf "$tmp"
done
if [ "${E2E_NOBENCH:-}" != 1 ]; then
	echo
	echo "== the simulation alone (benchmark, generated 10,000-packet graph, 2 cores)"
	GOMAXPROCS=2 go test ./cmd/plan -run '^$' -bench SimulateCorpus -benchtime 3x -count 1 | grep -E '^Benchmark'
fi
echo
uptime
