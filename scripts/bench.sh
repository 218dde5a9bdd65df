#!/usr/bin/env bash
# Measure galley on a directory of articles:
#
#   scripts/bench.sh DIR
#
# Builds galley, runs `galley check DIR --format json --fail-level none
# --stats` with every built-in rule enabled, and prints throughput (MB/s,
# files/s), peak RSS and the time per phase, then goldmark-only parse
# throughput over the same files as a baseline.
set -euo pipefail

if [[ $# -ne 1 || ! -d "$1" ]]; then
	echo "usage: scripts/bench.sh DIR" >&2
	exit 2
fi
dir="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "building galley..."
(cd "$root" && go build -o "$tmp/galley" ./cmd/galley)

# An empty configuration, so that a .galley.yaml near DIR changes nothing.
printf '# bench: built-in rules only\n' > "$tmp/galley.yaml"
args=(check "$dir" --config "$tmp/galley.yaml" --enable '**' --format json --fail-level none --stats)

echo "running: galley ${args[*]}"
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
	/usr/bin/time -v -o "$tmp/time" "$tmp/galley" "${args[@]}" >"$tmp/out.json" 2>"$tmp/err" || true
	rss_kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$tmp/time")"
	wall="$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")"
	user="$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$tmp/time")"
	sys="$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$tmp/time")"
	echo "time -v: peak RSS $((rss_kb / 1024)) MiB; wall $wall; CPU ${user}s user + ${sys}s system"
else
	"$tmp/galley" "${args[@]}" >"$tmp/out.json" 2>"$tmp/err" || true
fi
grep '^stats:' "$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
grep -v '^stats:' "$tmp/err" | tail -n 1
findings="$(grep -c '"rule":' "$tmp/out.json" || true)"
echo "findings: $findings (JSON report: $(wc -c <"$tmp/out.json") bytes)"

echo
(cd "$root" && go run ./scripts/mdparse "$dir")
