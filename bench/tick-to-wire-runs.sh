#!/usr/bin/env bash
# Repeated TickToWire runs, summarised as min / median / max over the runs (never one run):
#   bench/tick-to-wire-runs.sh [runs=5] [set=spot] [rate=5000] [passes=10] [cpu]
# With a CPU number as the fifth argument the measuring thread pins itself there (only that
# thread: -Dttw.cpu; the JIT and GC threads stay free); JVM flags come
# from TTW_JAVA_OPTS. Needs bench/target/benchmarks.jar (mvn -pl bench -am package -DskipTests).
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS=${1:-5}; SET=${2:-spot}; RATE=${3:-5000}; PASSES=${4:-10}; CPU=${5:-}
JAR="$ROOT/bench/target/benchmarks.jar"
[[ -f "$JAR" ]] || { echo "no $JAR: mvn -B -pl bench -am package -DskipTests" >&2; exit 2; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
PIN=(); [[ -n "$CPU" ]] && PIN=("-Dttw.cpu=$CPU")
read -r -a OPTS <<<"${TTW_JAVA_OPTS:--XX:+UseParallelGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch}"
OUT=$(mktemp); trap 'rm -f "$OUT"' EXIT
for ((i = 1; i <= RUNS; i++)); do
    "$JAVA" --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --enable-native-access=ALL-UNNAMED "${OPTS[@]}" \
        "${PIN[@]}" -cp "$JAR" \
        com.tradingstation.bench.TickToWire "$SET" "$RATE" "$PASSES" | tee -a "$OUT" | grep -E '^(ratio|station|bare)'
done
echo "== $RUNS runs of TickToWire $SET $RATE $PASSES${CPU:+ pinned to CPU $CPU}: min / median / max over the runs"
python3 - "$OUT" <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
def col(prefix, key):
    return [float(m) for m in re.findall(r'^' + re.escape(prefix) + r'.*?' + key + r' ([0-9.]+)', text, re.M)]
for name, prefix in (("station", "station ("), ("bare", "bare Datagram")):
    for key in ("p50", "p99", "p99.9"):
        v = col(prefix, re.escape(key)) if key != "p50" else col(prefix, "p50")
        print(f"  {name:8s} {key:6s} us  {min(v):9.1f} {statistics.median(v):9.1f} {max(v):9.1f}")
for key in ("p50", "p99", "p99.9"):
    v = [float(m) for m in re.findall(r'^ratio.*?' + re.escape(key) + r' ([0-9.]+)', text, re.M)]
    print(f"  ratio    {key:6s}     {min(v):9.2f} {statistics.median(v):9.2f} {max(v):9.2f}   runs: {' '.join(f'{x:.2f}' for x in v)}")
PY
