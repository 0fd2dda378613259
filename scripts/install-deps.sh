#!/usr/bin/env bash
# Installs the system packages EDIGate builds and tests with, only when they are missing,
# so that `make test` and `make demo` work on a fresh Debian/Ubuntu machine.
set -euo pipefail

need=()
pkg-config --exists libssh2 2>/dev/null || need+=(libssh2-1-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v sftp >/dev/null 2>&1 || need+=(openssh-client)
python3 -c 'import ensurepip' >/dev/null 2>&1 || need+=(python3-venv)
command -v cc >/dev/null 2>&1 || need+=(gcc)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # test certificates (TLS tests)
[ -x /usr/bin/time ] || need+=(time)   # peak RSS in scripts/bench-big-order.sh
# The store's tests and benchmark on PostgreSQL start servers of their own (Tests/StoreHarness).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${need[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install ${need[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# Debian's postgresql package would create and start a cluster of its own: a server left
# running that nobody asked for. The tests and benchmarks start (and stop) their own.
if [[ " ${need[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
  $sudo mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" | $sudo tee /etc/postgresql-common/createcluster.conf >/dev/null
fi
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
