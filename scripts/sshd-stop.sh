#!/usr/bin/env bash
# Stops a server started by sshd-start.sh, with every session process it forked (sshd's
# per-connection children outlive their parent), then removes its directory.
#
#   scripts/sshd-stop.sh DIR          stop and remove DIR
#   scripts/sshd-stop.sh DIR --keep   stop only (to start it again with sshd-start.sh --dir DIR --port PORT)
set -euo pipefail

dir=${1:?usage: sshd-stop.sh DIR [--keep]}
keep=${2:-}
[ -f "$dir/etc/sshd_config" ] || { echo "sshd-stop: $dir is not a directory made by sshd-start.sh" >&2; exit 1; }

# Every descendant of $1, from one pass over /proc (builtins only: this runs while a test waits
# to cut a transfer, so it must be quick).
descendants_of() {
    local root=$1
    local -A children=()
    local stat line rest pid
    for stat in /proc/[0-9]*/stat; do
        read -r line 2>/dev/null < "$stat" || continue
        rest=${line##*) }            # the command name may contain spaces and parentheses
        set -- $rest
        pid=${stat#/proc/}
        children[$2]+=" ${pid%/stat}"
    done
    local queue=("$root") next
    while [ ${#queue[@]} -gt 0 ]; do
        next=${queue[0]}
        queue=("${queue[@]:1}")
        for pid in ${children[$next]:-}; do
            echo "$pid"
            queue+=("$pid")
        done
    done
}

# Zombies (reaped late, or never when PID 1 does not reap) count as gone.
is_running() {
    local line
    read -r line 2>/dev/null < "/proc/$1/stat" || return 1
    line=${line##*) }
    [ "${line:0:1}" != Z ]
}

if [ -f "$dir/etc/launcher.pid" ]; then
    pid=$(<"$dir/etc/launcher.pid")
    # Only if that pid is still our sshd, not a recycled number.
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$dir/etc/sshd_config"; then
        victims="$pid $(descendants_of "$pid")"
        # KILL, not TERM: this stands in for a crash or a pulled cable, and a session process must
        # not get to finish the transfer it is in the middle of.
        kill -KILL $victims 2>/dev/null || true
        for _ in $(seq 1 100); do
            alive=""
            for victim in $victims; do is_running "$victim" && alive="$alive $victim"; done
            [ -z "$alive" ] && break
            sleep 0.02
        done
        [ -z "$alive" ] || echo "sshd-stop: processes$alive did not exit" >&2
    fi
    rm -f "$dir/etc/launcher.pid"
fi

if [ "$keep" != "--keep" ]; then
    case "$dir" in
        /run/edigate-sshd.*) rm -rf -- "$dir" ;;
        *) echo "sshd-stop: not removing $dir (not under /run/edigate-sshd.*)" >&2 ;;
    esac
fi
