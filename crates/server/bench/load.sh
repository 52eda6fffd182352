#!/usr/bin/env bash
# Load test of the server: N generated events (default 1,000,000), then wrk (closed loop, as
# fast as it goes) and `rate` (open loop at RATE req/s, default 200) on loopback against the
# events, graph and document endpoints. Usage: crates/server/bench/load.sh [N] [DB]
set -euo pipefail
N=${1:-1000000}
DB=${2:-/tmp/attache-bench-$N.db}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
ADDR=127.0.0.1:18080
RATE=${RATE:-200}
RATE_SECONDS=${RATE_SECONDS:-20}
cd "$(dirname "$0")/../../.."
cargo build -q -p attache-server --release --example gen_events --example serve --example rate
if [ ! -f "$DB" ]; then
  target/release/examples/gen_events "$DB" "$N"
fi
target/release/examples/serve "$DB" "$ADDR" & SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 600); do curl -sf "http://$ADDR/api/v1/stats" >/dev/null 2>&1 && break; sleep 0.2; done
# The relation index is built in the background after start; let it finish.
sleep "${WARMUP:-15}"
WORK=$(mktemp -d)
# Events: first pages and filtered pages.
{
  echo "/api/v1/events"
  echo "/api/v1/events?limit=100"
  for a in RUS USA CHN TUR IRN EGY QAT OMN; do
    echo "/api/v1/events?actor=$a"
    echo "/api/v1/events?dyad=RUS,$a&since=2025"
  done
  for m in 01 03 05 07 09 11; do echo "/api/v1/events?since=2025-$m&until=2025-$m"; done
  echo "/api/v1/events?cameo=04&since=2024-06"
} > "$WORK/events"
# Graph: one-month windows over both years, countries and actors.
{
  for y in 2024 2025; do for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
    echo "/api/v1/graph?since=$y-$m&until=$y-$m"
    echo "/api/v1/graph?since=$y-$m&until=$y-$m&level=actor"
  done; done
} > "$WORK/graph"
# Documents: 2,000 ids spread over the store.
sqlite3 "$DB" "SELECT '/api/v1/documents/' || id FROM documents WHERE rowid % (SELECT MAX(1, COUNT(*) / 2000) FROM documents) = 0 LIMIT 2000" > "$WORK/documents"
echo "cold graph (uncached, all time):"
curl -s -o /dev/null -w '  %{time_total}s\n' "http://$ADDR/api/v1/graph?max_nodes=41"
echo "cold graph (uncached, one month):"
curl -s -o /dev/null -w '  %{time_total}s\n' "http://$ADDR/api/v1/graph?since=2025-06&until=2025-06&max_nodes=41"
for endpoint in events graph documents; do
  echo "== $endpoint"
  WRK_PATHS="$WORK/$endpoint" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s crates/server/bench/urls.lua "http://$ADDR" | grep -E "Requests/sec|50%|90%|99%|requests in|Non-2xx"
done
# Open loop at a fixed rate (latency counted from when each request was due).
for endpoint in events graph documents; do
  echo "== $endpoint at $RATE req/s"
  target/release/examples/rate "$ADDR" "$WORK/$endpoint" "$RATE" "$RATE_SECONDS"
done
