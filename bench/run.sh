#!/usr/bin/env bash
# Builds the bench module and runs the JMH benchmarks cited in docs/PERFORMANCE.md.
#
#   bench/run.sh              headline: BookApplyBenchmark + DecodeApplyBenchmark -> bench/target/jmh.{json,txt,md}
#   bench/run.sh breakdown    diagnostic: CostBreakdownBenchmark -> bench/target/jmh-breakdown.{json,txt,md}
#   bench/run.sh wire         UDP: UdpPublishBenchmark + SubscriberDecodeBenchmark -> bench/target/jmh-wire.{json,txt,md},
#                             then TickToWire (paced tick-to-wire histograms) -> bench/target/tick-to-wire.txt
#   bench/run.sh live         LiveTickToBook: paced WebSocket frames -> book applied, beside a bare Netty receive
#                             loop on the same loopback server -> bench/target/live-tick-to-book.txt
#
# Needs the real Binance captures: ../shared/data/binance from the repository root, or
# STATION_DATA_DIR=/path/to/binance (passed as -Dstation.data.dir). The benchmark setup fails with a
# one-line IllegalStateException naming the directory when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-headline}
case "$MODE" in
  headline)  REGEX='BookApply|DecodeApply'; OUT=bench/target/jmh ;;
  breakdown) REGEX='CostBreakdown';         OUT=bench/target/jmh-breakdown ;;
  wire)      REGEX='UdpPublish|SubscriberDecode'; OUT=bench/target/jmh-wire ;;
  live)      REGEX=''; OUT=bench/target/live-tick-to-book ;;
  *) echo "usage: bench/run.sh [headline|breakdown|wire|live]" >&2; exit 2 ;;
esac

# -DskipTests, not -Dmaven.test.skip: the live benchmark needs feed's test-jar (its loopback frame server).
mvn -q -ntp -DskipTests package -pl bench -am

# Run a private copy of the jar, so a concurrent reactor build cannot replace it under a running fork.
JAR_DIR=$(mktemp -d)
trap 'rm -rf "$JAR_DIR"' EXIT
cp bench/target/benchmarks.jar "$JAR_DIR/benchmarks.jar"

JAVA_FLAGS=(--add-opens java.base/jdk.internal.misc=ALL-UNNAMED)
if [ -n "${STATION_DATA_DIR:-}" ]; then
  JAVA_FLAGS+=("-Dstation.data.dir=$STATION_DATA_DIR")
fi

echo "[run.sh] $(nproc) cores; $(java -version 2>&1 | head -1)"
if [ "$MODE" = live ]; then
  set -x
  for RATE in 10000 50000; do
    java "${JAVA_FLAGS[@]}" -cp "$JAR_DIR/benchmarks.jar" com.tradingstation.bench.LiveTickToBook "$RATE" 20 5
  done | tee "$OUT.txt"
  exit 0
fi
set -x
java "${JAVA_FLAGS[@]}" -jar "$JAR_DIR/benchmarks.jar" "$REGEX" \
  -f 1 -wi 3 -w 2s -i 8 -r 2s -prof gc -rf json -rff "$OUT.json" | tee "$OUT.txt"
java "${JAVA_FLAGS[@]}" -cp "$JAR_DIR/benchmarks.jar" com.tradingstation.bench.JmhReport "$OUT.json" | tee "$OUT.md"
if [ "$MODE" = wire ]; then
  for RATE in 5000 20000; do
    java "${JAVA_FLAGS[@]}" -cp "$JAR_DIR/benchmarks.jar" com.tradingstation.bench.TickToWire spot "$RATE" 10
  done | tee bench/target/tick-to-wire.txt
fi
