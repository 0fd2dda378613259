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
