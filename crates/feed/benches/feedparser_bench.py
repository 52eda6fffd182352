"""Throughput of Python feedparser over the same files as examples/bench.rs (one thread)."""
import pathlib, statistics, sys, time
import feedparser

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
dirs = sys.argv[2:] or ["../shared/data/feeds/feedparser/tests", "../shared/data/feeds/feed-rs-fixtures"]
paths = sorted(p for d in dirs for p in pathlib.Path(d).rglob("*") if p.suffix in (".xml", ".json") and p.is_file())
docs = [p.read_bytes() for p in paths]
size = sum(map(len, docs))
times, items = [], 0
for _ in range(rounds):
    t = time.perf_counter()
    items = 0
    for d in docs:
        items += len(feedparser.parse(d).entries)
    times.append(time.perf_counter() - t)
m = statistics.median(times)
print(f"feedparser {feedparser.__version__}: {len(docs)} files, {size/1e6:.2f} MB, {items} items; "
      f"median of {rounds}: {m*1e3:.1f} ms = {len(docs)/m:.0f} files/s, {size/1e6/m:.1f} MB/s")
