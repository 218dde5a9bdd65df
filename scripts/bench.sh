#!/usr/bin/env bash
# Measure galley on a directory of articles:
#
#   scripts/bench.sh [-p PROFILE] [-b GALLEY] DIR
#
# Builds galley (or uses the binary given with -b), runs `galley check DIR
# --format json --fail-level none --stats` with every built-in rule
# enabled, and prints throughput (MB/s, files/s, MB per CPU-second), peak
# RSS, CPU time and the time per phase (load, parse, each check family, the
# corpus phase), then goldmark-only parse-and-walk throughput over the same
# files, measured in the same run, and galley's share of it. The machine's
# load average is printed first: numbers taken under load are not
# comparable. -p writes a CPU profile (go tool pprof -top GALLEY PROFILE).
# BENCH_JSON=FILE keeps the JSON report (to compare findings across
# changes).
set -euo pipefail

profile=""
galley=""
while getopts "p:b:" opt; do
	case "$opt" in
	p) profile="$OPTARG" ;;
	b) galley="$OPTARG" ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [[ $# -ne 1 || ! -d "$1" ]]; then
	echo "usage: scripts/bench.sh [-p PROFILE] [-b GALLEY] DIR" >&2
	exit 2
fi
dir="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [[ -z "$galley" ]]; then
	echo "building galley..."
	(cd "$root" && go build -o "$tmp/galley" ./cmd/galley)
	galley="$tmp/galley"
fi
echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# An empty configuration, so that a .galley.yaml near DIR changes nothing.
printf '# bench: built-in rules only\n' >"$tmp/galley.yaml"
args=(check "$dir" --config "$tmp/galley.yaml" --enable '**' --format json --fail-level none --stats)
if [[ -n "$profile" ]]; then
	args+=(--cpuprofile "$profile")
fi

echo "running: galley ${args[*]}"
cpu=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
	/usr/bin/time -v -o "$tmp/time" "$galley" "${args[@]}" >"$tmp/out.json" 2>"$tmp/err" || true
	rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time")"
	wall="$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")"
	user="$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$tmp/time")"
	sys="$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$tmp/time")"
	cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
	echo "time -v: peak RSS $((rss_kb / 1024)) MiB; wall $wall; CPU ${user}s user + ${sys}s system = ${cpu}s"
else
	"$galley" "${args[@]}" >"$tmp/out.json" 2>"$tmp/err" || true
fi
grep '^stats:' "$tmp/err" || {
	cat "$tmp/err" >&2
	exit 1
}
grep -v '^stats:' "$tmp/err" | tail -n 1
findings="$(grep -c '"rule":' "$tmp/out.json" || true)"
echo "findings: $findings (JSON report: $(wc -c <"$tmp/out.json") bytes)"
if [[ -n "${BENCH_JSON:-}" ]]; then
	cp "$tmp/out.json" "$BENCH_JSON"
fi

bytes="$(sed -n 's/^stats: bytes *//p' "$tmp/err")"
galley_mbps="$(sed -n 's/^stats: throughput \([0-9.]*\) MB\/s.*/\1/p' "$tmp/err")"
if [[ -n "$cpu" && -n "$bytes" ]]; then
	awk -v b="$bytes" -v c="$cpu" 'BEGIN { if (c > 0) printf "galley: %.2f MB per CPU-second\n", b / 1e6 / c }'
fi

echo
(cd "$root" && go run ./scripts/mdparse "$dir") | tee "$tmp/md"
gm="$(sed -n 's/^goldmark-mbps //p' "$tmp/md")"
if [[ -n "$gm" && -n "$galley_mbps" ]]; then
	awk -v g="$galley_mbps" -v m="$gm" 'BEGIN { if (m > 0) printf "galley/goldmark: %.0f%% of goldmark parse+walk throughput on the same cores (target: 50%%)\n", 100 * g / m }'
fi
