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

children_of() {
    local parent=$1 stat line rest
    for stat in /proc/[0-9]*/stat; do
        line=$(cat "$stat" 2>/dev/null) || continue
        rest=${line##*) }            # the command name may contain spaces and parentheses
        set -- $rest
        if [ "$2" = "$parent" ]; then
            stat=${stat#/proc/}
            echo "${stat%/stat}"
        fi
    done
}

descendants_of() {
    local child
    for child in $(children_of "$1"); do
        echo "$child"
        descendants_of "$child"
    done
}

if [ -f "$dir/etc/launcher.pid" ]; then
    pid=$(cat "$dir/etc/launcher.pid")
    # Only if that pid is still our sshd, not a recycled number.
    if tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$dir/etc/sshd_config"; then
        victims="$pid $(descendants_of "$pid")"
        kill -TERM $victims 2>/dev/null || true
        for _ in $(seq 1 100); do
            alive=""
            for victim in $victims; do kill -0 "$victim" 2>/dev/null && alive="$alive $victim"; done
            [ -z "$alive" ] && break
            sleep 0.02
        done
        [ -n "$alive" ] && kill -KILL $alive 2>/dev/null || true
    fi
    rm -f "$dir/etc/launcher.pid"
fi

if [ "$keep" != "--keep" ]; then
    case "$dir" in
        /run/edigate-sshd.*) rm -rf -- "$dir" ;;
        *) echo "sshd-stop: not removing $dir (not under /run/edigate-sshd.*)" >&2 ;;
    esac
fi
