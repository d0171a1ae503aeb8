#!/usr/bin/env bash
# UDP recovery under loss, on loopback: `station synth` writes a session of INSTRUMENTS symbols at
# 10 depth diffs/s each (about 18.4 lines per symbol and second), `station run` replays it at RATE
# lines/s onto two unicast loopback channels for about RUN_SECONDS, and `station udp-monitor
# --loss-pct LOSS` drops that share of the incremental datagrams it receives (seeded) for all but the
# last RECOVER_S (10) seconds of the run, then reports per instrument how many sampled seconds it
# was live, and how long after the loss stopped every book was live again. The monitor is stopped
# when the run ends, so no idle second after it is sampled.
#
#   scripts/udp-loss.sh [LOSS_PCT] [RATE] [SNAPSHOTS_PER_S] [INSTRUMENTS] [RUN_SECONDS] [SEED]
#   defaults:            1          369    20                20            40            1
#
# RATE 369 is the session's own pace for 20 instruments (22,128 lines per 60 market seconds).
# Prints the monitor's final report; with JSON=1 its final JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."

LOSS=${1:-1}
RATE=${2:-369}
SNAPS=${3:-20}
SYMBOLS=${4:-20}
RUN_FOR=${5:-40}
SEED=${6:-1}
RECOVER_S=${RECOVER_S:-10}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export STATION_JAVA_OPTS="${STATION_JAVA_OPTS:--Xms256m -Xmx256m}"

MARKET_S=$(( (RUN_FOR * RATE + SYMBOLS * 18) / (SYMBOLS * 18) ))
./station synth --symbols "$SYMBOLS" --duration "$MARKET_S" -o "$WORK/s.jsonl" >/dev/null
LINES=$(wc -l <"$WORK/s.jsonl")
RUN_S=$(( LINES / RATE ))
LOSS_S=$(( RUN_S > RECOVER_S ? RUN_S - RECOVER_S : 1 ))
P1=${UDP_PORT:-$(( 20000 + RANDOM % 20000 * 2 ))}   # two adjacent unicast ports; UDP_PORT=N to choose
P2=$(( P1 + 1 ))
printf 'station.redis.maxmemory=256mb\nstation.http.port=-1\nstation.udp.snapshotsPerSecond=%s\n' "$SNAPS" >"$WORK/station.properties"

LOSS_ARGS=()
if [ "$LOSS" != 0 ]; then LOSS_ARGS=(--loss-pct "$LOSS" --seed "$SEED" --loss-duration "$LOSS_S"); fi
FORMAT=()
if [ "${JSON:-0}" = 1 ]; then FORMAT=(--json); fi
echo "[udp-loss] $LINES lines at $RATE/s (~${RUN_S} s), $SYMBOLS instruments, $SNAPS snapshots/s, loss ${LOSS}% for ${LOSS_S} s (seed $SEED)" >&2
./station udp-monitor --config "$WORK/station.properties" --incremental "127.0.0.1:$P1" --snapshot "127.0.0.1:$P2" \
  "${LOSS_ARGS[@]}" "${FORMAT[@]}" >"$WORK/monitor.out" 2>"$WORK/monitor.err" &
MONITOR=$!
# The monitor prints its listening line (text) or its first interval (JSON) once joined.
for _ in $(seq 1 300); do
  if grep -q 'listening on' "$WORK/monitor.err" || grep -q '"final":false' "$WORK/monitor.out"; then break; fi
  sleep 0.1
done
./station run --config "$WORK/station.properties" --udp-incremental "127.0.0.1:$P1" --udp-snapshot "127.0.0.1:$P2" \
  --rate "$RATE" --json "$WORK/s.jsonl" >"$WORK/run.json" 2>"$WORK/run.err" || { cat "$WORK/run.err" >&2; kill -TERM "$MONITOR"; exit 1; }
# SIGTERM: a background job of a script ignores SIGINT; the monitor's shutdown hook prints the report.
kill -TERM "$MONITOR"
wait "$MONITOR" || true
if [ "${JSON:-0}" = 1 ]; then grep '"final":true' "$WORK/monitor.out"; else sed -n '/udp-monitor final/,$p' "$WORK/monitor.out"; fi
