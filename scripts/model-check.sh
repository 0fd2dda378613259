#!/usr/bin/env bash
# Checks the protocol model docs/model/gateway-protocol.pml with spin (Debian's package,
# installed when missing): every interleaving of two instances, a crash of either at every
# crash point and a lease or claim running out anywhere; then that the two broken variants
# fail (an audit append without the appender lock, an upload without a claim under a fresh
# control number), which shows the checks bite. `make faults` runs it first.
#   scripts/model-check.sh                 (MAX_CRASHES=2: two crashes per run; about 10 times the states)
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_CRASHES=${MAX_CRASHES:-1}
if ! command -v spin >/dev/null || ! command -v gcc >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  export DEBIAN_FRONTEND=noninteractive
  { $sudo apt-get install -y -q spin gcc || { $sudo apt-get update -q && $sudo apt-get install -y -q spin gcc; }; } >/dev/null
fi
model=$PWD/docs/model/gateway-protocol.pml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# $1 label, $2 "pass" or "fail", then extra spin/gcc defines.
check() {
  local label=$1 expect=$2; shift 2
  rm -f pan* ./*.trail
  spin -a -DMAX_CRASHES="$MAX_CRASHES" "$@" "$model" > spin.log 2>&1 || { cat spin.log >&2; exit 2; }
  gcc -O2 -w -DSAFETY -DNOCLAIM -DCOLLAPSE -DMEMLIM=8000 -o pan pan.c
  ./pan -m100000 > pan.log 2>&1 || true
  local errors states
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' pan.log | head -1)
  states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' pan.log | head -1)
  if grep -q "Search not completed" pan.log && [ "$errors" = 0 ]; then
    echo "model: $label: search not completed (memory); raise MEMLIM or lower MAX_CRASHES" >&2; exit 1
  fi
  if [ "$expect" = pass ] && [ "$errors" = 0 ]; then
    echo "model: $label: no violation in $states states (every interleaving, $MAX_CRASHES crash(es) at any point, a lease running out anywhere)"
  elif [ "$expect" = fail ] && [ "${errors:-0}" != 0 ]; then
    echo "model: $label: violation found, as it must be: $(grep -m1 -E 'assertion violated|invalid end state' pan.log | sed 's/^pan:[0-9]*: //')"
  else
    echo "model: $label: expected $expect, got $errors errors" >&2; cat pan.log >&2; exit 1
  fi
}
check "the protocol" pass
check "audit append without the appender lock" fail -DAUDIT_WITHOUT_LOCK
check "upload without a claim, named from a fresh control number" fail -DUPLOAD_WITHOUT_CLAIM
# Liveness: under weak fairness both instances always come to a stop (then the end checks hold).
rm -f pan* ./*.trail
spin -a -DMAX_CRASHES="$MAX_CRASHES" "$model" > spin.log 2>&1 || { cat spin.log >&2; exit 2; }
gcc -O2 -w -DCOLLAPSE -DMEMLIM=8000 -o pan pan.c
./pan -a -f -m100000 > pan.log 2>&1 || true
if grep -q "errors: 0" pan.log && ! grep -q "Search not completed" pan.log; then
  echo "model: liveness (ltl finishes, weak fairness): holds, no acceptance cycle"
else
  echo "model: liveness failed" >&2; grep -vE '^Depth=' pan.log >&2; exit 1
fi
