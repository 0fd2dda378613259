#!/usr/bin/env python3
"""A copy of Partners/acme-retail.yaml that trades over a local folder instead of SFTP.

Used by the scripts that run `edigate serve` on a throw-away store (demo, screenshots,
bench-gateway, faults). Creates ROOT/inbound, ROOT/outbound and ROOT/archive and writes
PARTNERS/<id>.yaml.

  local-partner.py PARTNERS ROOT [--id ID --interchange-id ISAID] [--done-marker NAME] [--max-file-size-mb N]
"""
import argparse, os

parser = argparse.ArgumentParser()
parser.add_argument("partners")
parser.add_argument("root")
parser.add_argument("--id", help="partner id instead of acme-retail (with --interchange-id)")
parser.add_argument("--interchange-id", help="ISA and GS id instead of ACMERETAIL")
parser.add_argument("--done-marker", help="pickup.doneMarker: a file is taken only once its marker (NAME) is there")
parser.add_argument("--max-file-size-mb", type=int, help="pickup.maxFileSizeMB (default 64)")
args = parser.parse_args()
if (args.id is None) != (args.interchange_id is None):
    parser.error("--id and --interchange-id go together")

for folder in ("inbound", "outbound", "archive"):
    os.makedirs(os.path.join(args.root, folder), exist_ok=True)
text = open("Partners/acme-retail.yaml").read()
start, end = text.index("\ntransport:\n"), text.index("\nerp:\n")
local = f"\ntransport:\n  local: {{ root: \"{args.root}\" }}\n  inbound: inbound\n  outbound: outbound\n  archive: archive\n"
if args.done_marker or args.max_file_size_mb:
    local += "  pickup:\n"
if args.done_marker:
    local += f"    doneMarker: {args.done_marker}\n"
if args.max_file_size_mb:
    local += f"    maxFileSizeMB: {args.max_file_size_mb}\n"
local = local.rstrip("\n")
text = text[:start] + local + text[end:]
partner = "acme-retail"
if args.id:
    partner = args.id
    text = text.replace("id: acme-retail", f"id: {partner}")
    text = text.replace("id: ACMERETAIL, groupID: ACMERETAIL", f"id: {args.interchange_id}, groupID: {args.interchange_id}")
os.makedirs(args.partners, exist_ok=True)
with open(os.path.join(args.partners, f"{partner}.yaml"), "w") as out:
    out.write(text)
