#!/bin/sh
# End-to-end timing of plan against cat, as the performance table of testdata/bench/README.md
# reports it. Run from the repository root:
#
#	testdata/bench/e2e.sh [WORKDIR]
#
# It builds plan and plan-corpus, generates seeded corpora of 10,000 and
# 100,000 packets (~15 KB each: 150 MB and 1.5 GB; reused when WORKDIR
# already has them), warms the page cache, and prints:
#   - hyperfine: cat of every file vs plan check, at 10,000 and 100,000;
#   - hyperfine: cat vs plan --json at 10,000;
#   - peak memory (maximum resident set) of plan check at 100,000;
#   - the simulation benchmark (ns per edge-iteration) on 2 cores, on the
#     graph of the generated 10,000-packet corpus.
# The machine's load (uptime) is printed before and after: rerun when it is
# high, the ratios are only meaningful on a quiet machine.
set -eu
work=${1:-${TMPDIR:-/tmp}/plan-bench}
mkdir -p "$work"
go build -o "$work/plan" ./cmd/plan
go build -o "$work/plan-corpus" ./cmd/plan-corpus
for n in 10000 100000; do
	if [ ! -d "$work/c$n" ]; then
		"$work/plan-corpus" -n $n -seed 1 -out "$work/c$n"
	fi
	find "$work/c$n" -name '*.md' -print0 > "$work/c$n.list"
	xargs -0 -a "$work/c$n.list" cat > /dev/null # warm the page cache
done
nproc
uptime
for n in 10000 100000; do
	hyperfine --warmup 1 --runs 5 -N \
		-n "cat $n" "xargs -0 -a $work/c$n.list cat" \
		-n "plan check $n" "$work/plan check $work/c$n" \
		--output null
done
hyperfine --warmup 1 --runs 5 -N \
	-n "cat 10000" "xargs -0 -a $work/c10000.list cat" \
	-n "plan --json 10000" "$work/plan --json $work/c10000" \
	--output null
/usr/bin/time -v "$work/plan" check "$work/c100000" 2>&1 >/dev/null | grep -E 'Maximum resident|Elapsed'
GOMAXPROCS=2 go test ./cmd/plan -run '^$' -bench SimulateCorpus -benchtime 3x -count 3
uptime
