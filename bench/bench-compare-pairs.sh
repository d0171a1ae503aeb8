#!/usr/bin/env bash
# How often `station bench compare` calls two runs of the same build different, and whether it sees
# an injected slowdown (a busy delay of 20% of the book p50 per diff on the book thread):
#   bench/bench-compare-pairs.sh [pairs=20] [out-dir=target/bench-pairs] [station bench options...]
# Prints one verdict per pair, the count of "no significant difference", then the slowdown's verdict.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PAIRS=${1:-20}; OUT=${2:-$ROOT/target/bench-pairs}; shift $(( $# > 2 ? 2 : $# ))
mkdir -p "$OUT"
ST="$ROOT/station"
bench() { STATION_SKIP_BUILD=1 "$ST" bench "$@" >/dev/null 2>"$OUT/last.err" || { cat "$OUT/last.err" >&2; exit 1; }; }
"$ST" --version >/dev/null   # builds the jar once if needed
same=0
for ((i = 1; i <= PAIRS; i++)); do
    bench "$@" -o "$OUT/a$i.json" --label "pair $i A"
    bench "$@" -o "$OUT/b$i.json" --label "pair $i B"
    set +e
    STATION_SKIP_BUILD=1 "$ST" bench compare "$OUT/a$i.json" "$OUT/b$i.json" --plot none > "$OUT/cmp$i.txt"
    set -e
    verdict=$(sed -n 's/^verdict: \([a-z ]*\).*/\1/p' "$OUT/cmp$i.txt" | sed 's/ *$//')
    [[ "$verdict" == "no significant difference" ]] && same=$((same + 1))
    printf 'pair %2d: %s\n' "$i" "$verdict"
done
echo "same build: $same of $PAIRS pairs 'no significant difference'"
p50=$(python3 -c "import json,sys; print(int(json.load(open(sys.argv[1]))['metrics']['book']['p50']))" "$OUT/a1.json")
delay=$(( p50 / 5 ))
bench "$@" -o "$OUT/slow.json" --inject-book-delay-ns "$delay" --label "book +$delay ns/diff"
set +e
STATION_SKIP_BUILD=1 "$ST" bench compare "$OUT/a$PAIRS.json" "$OUT/slow.json" --plot "$OUT/slow.png" | tee "$OUT/slow.txt"
rc=${PIPESTATUS[0]}
echo "(injected $delay ns per diff = 20% of the book p50 $p50 ns; compare exit $rc)"
