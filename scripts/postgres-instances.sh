#!/usr/bin/env bash
# Two gateway instances on one PostgreSQL store: FILES 850s (default 1,000) over PARTNERS
# partners (default 5) dropped at once, both `edigate serve` instances polling, one killed with
# SIGKILL mid-batch (after KILL_AFTER 855s, default 300); the survivor takes over the partners
# and files the dead one held. Then: every order answered by exactly one 855, every interchange
# by one 997, every ISA13 once per partner, nothing left processing or pending, the audit chain
# verifies (`edigate audit verify` on the postgres:// store), and both instances did work.
# Run by `make test` (scripts/postgres-tests.sh); leaves nothing running.
#
# Also the store benchmark's runner (scripts/bench-store.sh): ENGINE=sqlite runs the same on
# one SQLite file, INSTANCES=1 runs one instance, KILL_AFTER=0 kills nothing, and
# CONFIGURATION=release uses the release build; the last line then gives files/s.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/common.sh
. scripts/lib/postgres.sh
FILES=${FILES:-1000}
PARTNERS=${PARTNERS:-5}
KILL_AFTER=${KILL_AFTER:-300}
INSTANCES=${INSTANCES:-2}
CONFIGURATION=${CONFIGURATION:-debug}
scripts/install-deps.sh
swift build -c "$CONFIGURATION" --product edigate >/dev/null
edigate="$(swift build -c "$CONFIGURATION" --show-bin-path)/edigate"
work=$(mktemp -d)
erp_pid=""; a_pid=""; b_pid=""
cleanup() {
  for pid in $a_pid $b_pid $erp_pid; do kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  stop_postgres
  [ -n "${KEEP_LOGS:-}" ] && cp "$work"/*.log "$work"/pg/server.log "$KEEP_LOGS"/ 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "${ENGINE:-postgresql}" = sqlite ]; then
  # The same run on one SQLite file shared by the two processes, for comparison.
  store="$work/gateway.sqlite"
  store_query() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$store" "$1"; }
else
  start_postgres "$work/pg" ${PG_SETTINGS:-}
  store=$(create_store_database edigate)
  store_query() { "$pg_bin/psql" -X -At -h 127.0.0.1 -p "$pg_port" -U edigate -d edigate -c "$1"; }
fi
start_reference_erp "$edigate" "$work"
mkdir -p "$work/partners"
for n in $(seq 1 "$PARTNERS"); do
  python3 scripts/lib/local-partner.py "$work/partners" "$work/p$n" --id "bench-$n" --interchange-id "BENCHP$n"
done
python3 scripts/bench/gateway-files.py "$FILES" "$PARTNERS" "$work/stage"
for instance in a b; do
  cat > "$work/gateway-$instance.yaml" <<YAML
store: $store
staging: staging-$instance
partners: partners
maps: $PWD/Maps
erp:
  baseURL: http://127.0.0.1:$erp_port
http:
  port: 0
poll:
  intervalSeconds: 0.2
  partnerConcurrency: $PARTNERS
YAML
done
for n in $(seq 1 "$PARTNERS"); do mv "$work/stage/bench-$n/"*.edi "$work/p$n/inbound/"; done
answered() { cat "$work"/p*/outbound/855-*.edi 2>/dev/null | grep -c '^BAK\*' || true; }
started=$(date +%s.%N)
"$edigate" serve --config "$work/gateway-a.yaml" --log-level error >"$work/instance-a.log" 2>&1 &
a_pid=$!
if [ "$INSTANCES" = 2 ]; then
  "$edigate" serve --config "$work/gateway-b.yaml" --log-level error >"$work/instance-b.log" 2>&1 &
  b_pid=$!
else
  # One instance: it is the survivor, and nothing is killed.
  b_pid=$a_pid; a_pid=""; KILL_AFTER=0
fi
deadline=$(( $(date +%s) + 900 ))
until [ "$KILL_AFTER" = 0 ] || [ "$(answered)" -ge "$KILL_AFTER" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "postgres-instances: only $(answered) answered before the kill; instance logs:" >&2; tail -5 "$work"/instance-*.log >&2; exit 1; }
  kill -0 "$a_pid" 2>/dev/null || { echo "postgres-instances: instance a ended by itself" >&2; tail -20 "$work/instance-a.log" >&2; exit 1; }
  sleep 0.2
done
killed_at=none; killed_pid=none
if [ "$KILL_AFTER" != 0 ]; then
  # The victim is an instance polling partners right now (one may hold them all): its work in
  # flight is what the survivor must take over.
  aggregate=string_agg; [ "${ENGINE:-postgresql}" = sqlite ] && aggregate=group_concat
  pollers=$(store_query "SELECT $aggregate(owner, ',') FROM partner_polls")
  if ! echo ",$pollers" | grep -q " $a_pid "; then tmp=$a_pid; a_pid=$b_pid; b_pid=$tmp; fi
  kill -9 "$a_pid"; wait "$a_pid" 2>/dev/null || true
  killed_at=$(answered)
  killed_pid=$a_pid; a_pid=""
fi
until [ "$(answered)" -ge "$FILES" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "postgres-instances: only $(answered) of $FILES answered; instance b log:" >&2; tail -20 "$work/instance-b.log" >&2; exit 1; }
  sleep 0.2
done
# The survivor's last uploads and marks: wait until nothing is pending or processing.
for _ in $(seq 1 150); do
  [ "$(store_query "SELECT COUNT(*) FROM outbound_documents WHERE state = 'pending'") $(store_query "SELECT COUNT(*) FROM inbound_files WHERE state <> 'done'")" = "0 0" ] && break
  sleep 0.2
done
elapsed=$(seconds_since "$started")
for pid in $a_pid $b_pid; do kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; done
survivor_pid=$b_pid; b_pid=""

status=0
per_partner=$(( FILES / PARTNERS ))
for n in $(seq 1 "$PARTNERS"); do
  PSQL="${pg_bin:-}/psql" python3 scripts/lib/check-exactly-once.py "$store" "$work/p$n/outbound" "$per_partner" "bench-$n" >"$work/check-$n.txt" || status=1
  grep -q OK "$work/check-$n.txt" || cat "$work/check-$n.txt"
done
"$edigate" audit verify --db "$store" >"$work/verify.txt" || { status=1; cat "$work/verify.txt"; }
other_pid=${a_pid:-$killed_pid}
by_killed=$(store_query "SELECT COUNT(*) FROM audit_log WHERE event = 'inbound.processing' AND details LIKE '% $other_pid %'")
by_survivor=$(store_query "SELECT COUNT(*) FROM audit_log WHERE event = 'inbound.processing' AND details LIKE '% $survivor_pid %'")
taken_over=$(store_query "SELECT COUNT(*) FROM audit_log WHERE event IN ('inbound.takenOver', 'inbound.requeued')")
entries=$(store_query "SELECT COUNT(*) FROM audit_log")
if [ "$killed_pid" != none ]; then
  [ "$by_killed" -gt 0 ] && [ "$by_survivor" -gt 0 ] || { echo "postgres-instances: one instance did nothing (first $by_killed, second $by_survivor)" >&2; status=1; }
fi
echo "postgres-instances: $FILES files over $PARTNERS partners, $INSTANCES instance(s) on one ${ENGINE:-postgresql} store, killed (SIGKILL) at $killed_at answered;" \
     "files claimed: $by_killed by the first (killed) instance, $by_survivor by the other, $taken_over taken over after a kill;" \
     "$(grep -c OK "$work"/check-*.txt | awk -F: '{s+=$2} END {print s}')/$PARTNERS partners answered exactly once; $entries audit entries, $(head -1 "$work/verify.txt"); ${elapsed} s"
exit $status
