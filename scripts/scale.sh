#!/usr/bin/env bash
# Measure how galley scales with corpus size and shard count:
#
#   scripts/scale.sh [-b GALLEY] [-s "1 4 16"] [-n "1 2 4"] DIR
#
# Size: for each factor K (-s, default "1 4 16") the corpus DIR is copied K
# times into a temporary directory (hard links when possible, so no disk
# is used; every copy is a separate article to galley) and checked once
# with every built-in rule; the script prints text size, wall time, CPU
# time, throughput and peak RSS. Peak RSS should grow with the facts kept
# for cross-article rules, not with the text.
#
# Shards: for each shard count N (-n, default "1 2 4") the 1x corpus is
# checked as N shards one after another (`--shard I/N --facts-out`), then
# merged (`galley merge`); the script prints the slowest shard, the merge
# and their sum: the wall time N machines would take.
set -euo pipefail

galley=""
sizes="1 4 16"
shards="1 2 4"
while getopts "b:s:n:" opt; do
	case "$opt" in
	b) galley="$OPTARG" ;;
	s) sizes="$OPTARG" ;;
	n) shards="$OPTARG" ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [[ $# -ne 1 || ! -d "$1" ]]; then
	echo "usage: scripts/scale.sh [-b GALLEY] [-s SIZES] [-n SHARDS] DIR" >&2
	exit 2
fi
dir="$(cd "$1" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [[ -z "$galley" ]]; then
	echo "building galley..."
	(cd "$root" && go build -o "$tmp/galley" ./cmd/galley)
	galley="$tmp/galley"
fi
galley="$(cd "$(dirname "$galley")" && pwd)/$(basename "$galley")"
printf '# scale: built-in rules only\n' >"$tmp/galley.yaml"
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# measure LABEL ARGS...: runs galley ARGS in $work under time -v and prints
# one line; sets last_wall and last_cpu (seconds).
measure() {
	local label="$1"
	shift
	(cd "$work" && /usr/bin/time -v -o "$tmp/time" "$galley" "$@" >"$tmp/out" 2>"$tmp/err") || true
	if ! grep -q 'Elapsed' "$tmp/time"; then
		cat "$tmp/err" >&2
		exit 1
	fi
	local rss wall user sys
	rss="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time")"
	wall="$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")"
	user="$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$tmp/time")"
	sys="$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$tmp/time")"
	last_wall="$(echo "$wall" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')"
	last_cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
	printf '%-22s wall %7.2fs  CPU %7.2fs  peak RSS %5d MiB  %s\n' "$label" "$last_wall" "$last_cpu" $((rss / 1024)) "$(grep -E ' in [0-9]+ of [0-9]+ files| files? \(' "$tmp/err" | tail -n 1)"
}

echo
echo "== corpus size (every built-in rule, JSON report to a file) =="
for k in $sizes; do
	work="$tmp/size$k"
	mkdir -p "$work/corpus"
	for i in $(seq 1 "$k"); do
		cp -al "$dir" "$work/corpus/copy$i" 2>/dev/null || cp -r "$dir" "$work/corpus/copy$i"
	done
	measure "${k}x" check corpus --config "$tmp/galley.yaml" --enable '**' --format json --fail-level none --output report.json
	# The size galley read, from its summary: "... files (46.3 MB) in ...".
	mb="$(sed -n 's/.* files* (\([0-9.]*\) MB) in .*/\1/p' "$tmp/err" | tail -n 1)"
	awk -v mb="${mb:-0}" -v w="$last_wall" -v c="$last_cpu" 'BEGIN { printf "%-22s %.2f MB/s wall, %.2f MB per CPU-second\n", "", mb / w, mb / c }'
	rm -rf "$work"
done

echo
echo "== shards of the 1x corpus, run one after another (wall = slowest shard + merge) =="
work="$tmp/shards"
mkdir -p "$work"
cp -al "$dir" "$work/corpus" 2>/dev/null || cp -r "$dir" "$work/corpus"
for n in $shards; do
	slowest=0
	cpu=0
	facts=()
	for i in $(seq 1 "$n"); do
		measure "shard $i/$n" check corpus --config "$tmp/galley.yaml" --enable '**' --format json --fail-level none --output "shard-$i.json" --shard "$i/$n" --facts-out "facts-$n-$i.jsonl"
		slowest="$(awk -v a="$slowest" -v b="$last_wall" 'BEGIN { print (b > a ? b : a) }')"
		cpu="$(awk -v a="$cpu" -v b="$last_cpu" 'BEGIN { print a + b }')"
		facts+=("facts-$n-$i.jsonl")
	done
	measure "merge of $n" merge "${facts[@]}" --config "$tmp/galley.yaml" --enable '**' --format json --fail-level none --output merged.json
	awk -v n="$n" -v s="$slowest" -v m="$last_wall" -v c="$cpu" -v f="$(du -cb "${facts[@]/#/$work/}" | tail -n 1 | cut -f1)" \
		'BEGIN { printf "%d shard(s): slowest shard %.2fs + merge %.2fs = %.2fs wall on %d machine(s); shards CPU %.2fs; facts %.1f MB\n", n, s, m, s + m, n, c, f / 1e6 }'
done
