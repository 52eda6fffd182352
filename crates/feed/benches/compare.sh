#!/usr/bin/env bash
# Side-by-side feed parsing throughput: attache-feed vs Python feedparser, same files, one thread.
# Usage (from the workspace root): bash crates/feed/benches/compare.sh [DATA=../shared/data]
set -euo pipefail
DATA="${1:-../shared/data}"
DIRS=("$DATA/feeds/feedparser/tests" "$DATA/feeds/feed-rs-fixtures")
[ -d "${DIRS[0]}" ] || { echo "no feed data under $DATA (skipping)"; exit 0; }
VENV="${VENV:-/tmp/venv-feed}"
[ -x "$VENV/bin/python" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q feedparser; }
cargo build -q -p attache-feed --release --example bench
./target/release/examples/bench 200 "${DIRS[@]}"
"$VENV/bin/python" crates/feed/benches/feedparser_bench.py 5 "${DIRS[@]}"
