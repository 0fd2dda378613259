#!/usr/bin/env python3
"""Checks what `make faults` promises of one run: every PO answered by exactly one 855, every
interchange by exactly one 997, every ISA13 used once, nothing left processing or pending,
and the store intact (a SQLite file, or a postgres:// store read through psql).

  check-exactly-once.py STORE OUTBOUND_DIR FILES LABEL
"""
import collections, glob, os, sqlite3, subprocess, sys, urllib.parse

store, outbound_dir, files, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
outbound = glob.glob(f"{outbound_dir}/*.edi")
answers855 = collections.Counter()   # PO number (BAK03) → 855 files
answers997 = collections.Counter()   # acknowledged group (AK102) → 997 files
controls = collections.Counter()
for path in outbound:
    name = os.path.basename(path)
    kind, control = name[:-4].split("-", 1)
    controls[control] += 1
    text = open(path).read().replace("\n", "")
    if kind == "855":
        po = [s for s in text.split("~") if s.startswith("BAK*")][0].split("*")[3]
        answers855[po] += 1
    elif kind == "997":
        ak1 = [s for s in text.split("~") if s.startswith("AK1*")][0].split("*")[2]
        answers997[ak1] += 1
problems = []
if len(answers855) < files: problems.append(f"only {len(answers855)} of {files} orders have an 855")
if len(answers997) < files: problems.append(f"only {len(answers997)} of {files} interchanges have a 997")
problems += [f"PO {po}: {n} 855s" for po, n in answers855.items() if n > 1]
problems += [f"group {group}: {n} 997s" for group, n in answers997.items() if n > 1]
for control, n in controls.items():
    if n > 1: problems.append(f"ISA13 {control} used {n} times")
if store.startswith("postgres://"):
    url = urllib.parse.urlparse(store)
    psql = os.environ.get("PSQL", "psql")
    def query(sql):
        out = subprocess.run([psql, "-X", "-At", "-F", "\t", "-h", url.hostname, "-p", str(url.port or 5432), "-U", url.username,
                              "-d", url.path.lstrip("/"), "-c", sql], check=True, capture_output=True, text=True).stdout
        return [tuple(int(v) if v.isdigit() else v for v in line.split("\t")) for line in out.splitlines() if line]
else:
    db = sqlite3.connect(store)
    query = lambda sql: db.execute(sql).fetchall()
    integrity = query("PRAGMA integrity_check")[0][0]
    if integrity != "ok": problems.append(f"integrity_check: {integrity}")
processing = query("SELECT COUNT(*) FROM inbound_files WHERE state = 'processing'")[0][0]
states = dict(query("SELECT state, COUNT(*) FROM inbound_files GROUP BY state"))
pending = query("SELECT COUNT(*) FROM outbound_documents WHERE state = 'pending'")[0][0]
if processing: problems.append(f"{processing} files left processing")
if pending: problems.append(f"{pending} interchanges left pending")
print(f"faults: {label}; {files} orders; files by state {states}; "
      f"{sum(answers855.values())} 855s for {len(answers855)} POs, {sum(answers997.values())} 997s for {len(answers997)} interchanges; "
      + ("OK: every order answered exactly once, every ISA13 once, the store intact" if not problems else "PROBLEMS: " + "; ".join(problems[:10])))
sys.exit(1 if problems else 0)
