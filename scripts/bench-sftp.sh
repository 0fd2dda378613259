#!/usr/bin/env bash
# SFTP throughput of EDIGate's SFTPTransport beside OpenSSH's own sftp client, on the same
# throw-away local sshd (scripts/sshd-start.sh) and the same files:
#   1,000 files of 5 KB up, then down; one 100 MB file up, then down.
# Builds sftp-bench in release mode, needs root (for the test sshd). Prints a Markdown table.
#
#   scripts/bench-sftp.sh            # FSYNC=no: no server-side fsync before each rename; REPEAT=n
set -euo pipefail
cd "$(dirname "$0")/.."

SMALL_COUNT=1000
SMALL_SIZE=5120
BIG_MB=100
FSYNC=${FSYNC:-yes}
# Each tool runs the whole set this many times, alternating; the table shows medians (the machine is
# shared, single runs vary by ±30 %).
REPEAT=${REPEAT:-5}

for package in libssh2-1-dev openssh-server openssh-client; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed"; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y -q "$package" || { apt-get update -q && apt-get install -y -q "$package"; }
    fi
done

swift build -c release --product sftp-bench >&2
bench=$(swift build -c release --show-bin-path)/sftp-bench

# Client-side files on tmpfs when there is one: the local disk is shared and made single runs vary
# by a factor of two; the server's folders stay on disk (under /run) as a partner's would.
work=$(mktemp -d -p "$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )")
server_dir=""
cleanup() {
    [ -n "$server_dir" ] && scripts/sshd-stop.sh "$server_dir"
    rm -rf "$work"
}
trap cleanup EXIT

eval "$(scripts/sshd-start.sh)"
server_dir=$SSHD_DIR

mkdir -p "$work/small" "$work/down-swift" "$work/down-sftp/small"
head -c $((SMALL_COUNT * SMALL_SIZE)) /dev/urandom | split -b $SMALL_SIZE -a 4 -d - "$work/small/edi-"
head -c $((BIG_MB << 20)) /dev/urandom > "$work/big.bin"

empty_server() { find "$SSHD_CHROOT"/acme/inbound "$SSHD_CHROOT"/globex/inbound -mindepth 1 -delete; }
now() { date +%s.%N; }

echo "[127.0.0.1]:$SSHD_PORT $(cat "$SSHD_DIR/etc/host_ed25519_key.pub")" > "$work/known_hosts"
echo "pwd" > "$work/b-connect"
echo "put $work/small/* acme/inbound/" > "$work/b-small-up"
echo "get acme/inbound/* $work/down-sftp/small/" > "$work/b-small-down"
echo "put $work/big.bin globex/inbound/big.bin" > "$work/b-big-up"
echo "get globex/inbound/big.bin $work/down-sftp/big.bin" > "$work/b-big-down"

sftp_batch() {
    local start end
    start=$(now)
    sftp -q -b "$1" -P "$SSHD_PORT" -i "$SSHD_CLIENT_DIR/id_ed25519" \
        -o UserKnownHostsFile="$work/known_hosts" -o StrictHostKeyChecking=yes \
        "$SSHD_USER@127.0.0.1" > /dev/null
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

declare -A swift_runs ssh_runs
phases="connect small-up small-down big-up big-down"
for run in $(seq 1 "$REPEAT"); do
    # EDIGate SFTPTransport: one session for the whole set.
    empty_server
    rm -rf "$work/down-swift"
    "$bench" --host 127.0.0.1 --port "$SSHD_PORT" --user "$SSHD_USER" --key "$SSHD_CLIENT_DIR/id_ed25519" \
        --fingerprint "$SSHD_HOST_KEY_FINGERPRINT" --key-type "$SSHD_HOST_KEY_TYPE" --fsync "$FSYNC" \
        --small-dir "$work/small" --small-remote acme/inbound --big-file "$work/big.bin" --big-remote globex/inbound \
        --download-dir "$work/down-swift" > "$work/swift.out"
    declare -A swift=()
    while read -r key value _; do swift[$key]=$value; done < "$work/swift.out"
    [ "${swift[sessions]}" = 1 ] || { echo "expected one session, got ${swift[sessions]}" >&2; exit 1; }
    cmp "$work/big.bin" "$work/down-swift/big.bin"
    [ "$(ls "$work/down-swift" | wc -l)" = $((SMALL_COUNT + 1)) ]
    for phase in $phases; do swift_runs[$phase]+=" ${swift[$phase]}"; done

    # OpenSSH sftp: one batch (one session) per phase.
    empty_server
    rm -rf "$work/down-sftp"; mkdir -p "$work/down-sftp/small"
    for phase in $phases; do ssh_runs[$phase]+=" $(sftp_batch "$work/b-$phase")"; done
    cmp "$work/big.bin" "$work/down-sftp/big.bin"
    [ "$(ls "$work/down-sftp/small" | wc -l)" = $SMALL_COUNT ]
done

median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
declare -A swift ssh
for phase in $phases; do
    swift[$phase]=$(median "${swift_runs[$phase]}")
    ssh[$phase]=$(median "${ssh_runs[$phase]}")
done

# sftp's figures include its own connection (measured alone as "connect"); subtract it so both
# columns are transfer time over an established session.
net() { awk -v t="$1" -v c="${ssh[connect]}" 'BEGIN { x = t - c; if (x < 0.001) x = 0.001; printf "%.3f", x }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo
echo "| workload | EDIGate SFTPTransport | OpenSSH sftp | EDIGate time ÷ sftp time |"
echo "| --- | --- | --- | --- |"
for phase in small-up small-down; do
    s=${swift[$phase]}; o=$(net "${ssh[$phase]}")
    echo "| $SMALL_COUNT × 5 KB ${phase#small-} | $(printf '%.2f' "$s") s, $(rate $SMALL_COUNT "$s") files/s | $(printf '%.2f' "$o") s, $(rate $SMALL_COUNT "$o") files/s | $(ratio "$s" "$o") |"
done
for phase in big-up big-down; do
    s=${swift[$phase]}; o=$(net "${ssh[$phase]}")
    echo "| $BIG_MB MB ${phase#big-} | $(printf '%.2f' "$s") s, $(rate $BIG_MB "$s") MB/s | $(printf '%.2f' "$o") s, $(rate $BIG_MB "$o") MB/s | $(ratio "$s" "$o") |"
done
echo
echo "Medians of $REPEAT runs. EDIGate runs (s): $(for p in small-up small-down big-up big-down; do printf '%s:%s; ' "$p" "${swift_runs[$p]# }"; done)"
echo "sftp runs (s, with session setup): $(for p in small-up small-down big-up big-down; do printf '%s:%s; ' "$p" "${ssh_runs[$p]# }"; done)"
echo "EDIGate connect + auth + SFTP init: $(printf '%.3f' "${swift[connect]}") s (not in the table); sftp session setup: $(printf '%.3f' "${ssh[connect]}") s (subtracted)."
echo "EDIGate uploads: hidden temporary, server-side fsync=$FSYNC, rename. sftp: plain put (writes the final name directly, no fsync)."
