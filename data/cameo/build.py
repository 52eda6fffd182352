#!/usr/bin/env python3
"""Rebuild cameo-events.tsv from the CAMEO code list and GDELT's Goldstein table.

usage: build.py CAMEO_codefile.txt goldstein.tsv > cameo-events.tsv
"""
import re
import sys

codefile, goldfile = sys.argv[1], sys.argv[2]
labels = {}
for line in open(codefile, encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    m = re.match(r"^//(\d\d)[:=]\s*(.+)$", line)
    if m:
        labels.setdefault(m.group(1), m.group(2).strip().capitalize())
        continue
    m = re.match(r"^LABEL:\s*(\d+)=\s*(.+)$", line)
    if m:
        labels.setdefault(m.group(1), m.group(2).strip())

gold = {}
for line in open(goldfile, encoding="utf-8"):
    parts = line.strip().split("\t")
    if len(parts) == 2 and parts[0].isdigit():
        gold[parts[0]] = parts[1]

print("code\tquad_class\tgoldstein\tlabel")
for code in sorted(labels, key=lambda c: (c[:2], c)):
    weight = gold.get(code)
    if weight is None:
        weight = gold[code[:3]]  # parent's weight (1213, 1214, 1951, 1952)
    root = int(code[:2])
    quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    print(f"{code}\t{quad}\t{weight}\t{labels[code]}")
