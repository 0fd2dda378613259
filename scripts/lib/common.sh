# Sourced by the scripts that start the reference ERP or `edigate serve` on loopback.

# A TCP port free on 127.0.0.1 now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# Waits up to 100 × PAUSE seconds for URL to answer 2xx (python, so curl is not needed).
wait_for_http() { # $1 URL, $2 PAUSE (default 0.1)
  for _ in $(seq 1 100); do
    python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" >/dev/null 2>&1 && return 0
    sleep "${2:-0.1}"
  done
}

# Chromium from Debian's packages, when missing (screenshots, browser tests).
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  echo "installing chromium" >&2
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  { $sudo apt-get install -y -q chromium || { $sudo apt-get update -q && $sudo apt-get install -y -q chromium; }; } >/dev/null
}

# The reference ERP with its demo data in $work, on a free loopback port; sets erp_port and
# erp_pid (the caller's cleanup stops it). Extra arguments go to `erp serve`.
start_reference_erp() { # $1 edigate binary, $2 work folder, [serve options…]
  local bin=$1 dir=$2; shift 2
  "$bin" erp seed --demo "$dir/erp.sqlite" >/dev/null
  erp_port=$(free_port)
  "$bin" erp serve --data "$dir/erp.sqlite" --port "$erp_port" "$@" >"$dir/erp.log" 2>&1 &
  erp_pid=$!
  wait_for_http "http://127.0.0.1:$erp_port/health"
}

# The prelude of the one-poll benchmarks: dependencies, the release build, a temporary folder
# and the reference ERP, stopped and removed on exit. Sets edigate, work, erp_port and erp_pid.
start_release_bench() {
  scripts/install-deps.sh
  swift build -c release --product edigate >/dev/null
  edigate="$(swift build -c release --show-bin-path)/edigate"
  work=$(mktemp -d)
  erp_pid=""
  trap stop_release_bench EXIT
  start_reference_erp "$edigate" "$work"
}
stop_release_bench() {
  [ -n "$erp_pid" ] && { kill "$erp_pid" 2>/dev/null || true; wait "$erp_pid" 2>/dev/null || true; }
  rm -rf "$work"
}

# Seconds (two decimals) since START, a `date +%s.%N` value.
seconds_since() { python3 -c "import sys,time; print('%.2f' % (time.time() - float(sys.argv[1])))" "$1"; }
