#!/usr/bin/env bash
# Starts a throw-away OpenSSH SFTP server on 127.0.0.1 for the transport tests and the benchmark:
# its own ed25519 host key, chrooted internal-sftp users, per-partner inbound/outbound/archive
# folders. Needs root (chroot directories must be root-owned; users are created once).
#
#   scripts/sshd-start.sh                          fresh server, new directory under /run, free port
#   scripts/sshd-start.sh --dir DIR --port PORT    start a stopped server again (same keys, folders, port)
#
# Prints shell assignments (SSHD_DIR=..., SSHD_PORT=..., ...) on stdout; stop with scripts/sshd-stop.sh.
#
# Users: edigate-sftp  key-only (ed25519, ECDSA, passphrase-protected ed25519; an RSA key is
#                      authorised too but refused by OpenSSH 9 because libssh2 1.10 signs with SHA-1)
#        edigate-legacy  additionally accepts ssh-rsa signatures and a password, for the RSA and
#                      password paths.
set -euo pipefail

SFTP_USER=edigate-sftp
LEGACY_USER=edigate-legacy
SFTP_GROUP=edigate-sftp
PARTNERS=(acme globex)

die() { echo "sshd-start: $*" >&2; exit 1; }

dir=""
port=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) dir="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        *) die "unknown argument $1" ;;
    esac
done

[ "$(id -u)" = 0 ] || die "must run as root: sshd's ChrootDirectory needs root-owned directories and test users"

# A fresh machine has no sshd: install it (apt-get update only when the package index lacks it).
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -q openssh-server || { apt-get update -q && apt-get install -y -q openssh-server; }; } >&2 \
        || die "cannot install openssh-server"
fi
# Privilege separation directory; no systemd here to create it.
install -d -m 0755 /run/sshd

ensure_user() {
    getent group "$SFTP_GROUP" >/dev/null || groupadd --system "$SFTP_GROUP"
    if ! id -u "$1" >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir / --shell /usr/sbin/nologin --gid "$SFTP_GROUP" "$1"
    fi
}

if [ -z "$dir" ]; then
    ensure_user "$SFTP_USER"
    ensure_user "$LEGACY_USER"
    # Not under /tmp: every directory on the chroot and authorized-keys paths must be root-owned
    # and not group/world-writable.
    dir=$(mktemp -d -p /run edigate-sshd.XXXXXX)
    chmod 0755 "$dir"
    install -d -m 0755 "$dir/etc" "$dir/etc/authorized_keys" "$dir/chroot"
    install -d -m 0700 "$dir/client"
    for partner in "${PARTNERS[@]}"; do
        install -d -m 0755 "$dir/chroot/$partner"
        for folder in inbound outbound archive; do
            install -d -m 2775 -o root -g "$SFTP_GROUP" "$dir/chroot/$partner/$folder"
        done
    done

    ssh-keygen -q -t ed25519 -N '' -C edigate-test-host -f "$dir/etc/host_ed25519_key"
    ssh-keygen -q -t ed25519 -N '' -C edigate-test-client -f "$dir/client/id_ed25519"
    ssh-keygen -q -t ecdsa -b 256 -N '' -C edigate-test-ecdsa -f "$dir/client/id_ecdsa"
    ssh-keygen -q -t rsa -b 2048 -N '' -C edigate-test-rsa -f "$dir/client/id_rsa"
    ssh-keygen -q -t ed25519 -N '' -C edigate-test-not-authorised -f "$dir/client/id_other"
    head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/client/passphrase"
    ssh-keygen -q -t ed25519 -N "$(cat "$dir/client/passphrase")" -C edigate-test-passphrase -f "$dir/client/id_ed25519_passphrase"
    head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/client/legacy_password"
    echo "$LEGACY_USER:$(cat "$dir/client/legacy_password")" | chpasswd
    usermod -p '*' "$SFTP_USER"   # useradd leaves it locked ('!'), which sshd refuses without PAM

    cat "$dir/client/id_ed25519.pub" "$dir/client/id_ecdsa.pub" "$dir/client/id_rsa.pub" \
        "$dir/client/id_ed25519_passphrase.pub" > "$dir/etc/authorized_keys/$SFTP_USER"
    cat "$dir/client/id_ed25519.pub" "$dir/client/id_rsa.pub" > "$dir/etc/authorized_keys/$LEGACY_USER"
    chmod 0644 "$dir/etc/authorized_keys/"*

    cat > "$dir/etc/sshd_config" <<CONFIG
ListenAddress 127.0.0.1
HostKey $dir/etc/host_ed25519_key
PidFile $dir/etc/sshd.pid
AuthorizedKeysFile $dir/etc/authorized_keys/%u
StrictModes yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PermitRootLogin no
AllowUsers $SFTP_USER $LEGACY_USER
MaxStartups 100:30:200
LogLevel VERBOSE
Subsystem sftp internal-sftp

Match User $SFTP_USER,$LEGACY_USER
    ChrootDirectory $dir/chroot
    ForceCommand internal-sftp -d /
    AllowTcpForwarding no
    X11Forwarding no

Match User $LEGACY_USER
    PubkeyAcceptedAlgorithms +ssh-rsa
    PasswordAuthentication yes
CONFIG
fi

[ -f "$dir/etc/sshd_config" ] || die "$dir is not a directory made by sshd-start.sh"
/usr/sbin/sshd -t -f "$dir/etc/sshd_config" || die "sshd rejects $dir/etc/sshd_config"

log="$dir/etc/sshd.log"
for attempt in $(seq 1 20); do
    try_port=${port:-$((20000 + RANDOM % 40000))}
    : > "$log"
    # Output to a file: a background sshd holding our stdout would hang whoever captures it.
    /usr/sbin/sshd -D -e -f "$dir/etc/sshd_config" -o "Port=$try_port" >>"$log" 2>&1 </dev/null &
    pid=$!
    started=no
    for _ in $(seq 1 250); do
        if grep -q "Server listening on 127.0.0.1 port $try_port" "$log"; then started=yes; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    if [ "$started" = yes ]; then
        echo "$pid" > "$dir/etc/launcher.pid"
        echo "$try_port" > "$dir/etc/port"
        break
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    # A fixed port (restart) may still be held briefly by the old server's last connections.
    if [ -n "$port" ]; then sleep 0.2; fi
    [ "$attempt" = 20 ] && { cat "$log" >&2; die "sshd did not start"; }
done

fingerprint=$(ssh-keygen -l -E sha256 -f "$dir/etc/host_ed25519_key.pub" | awk '{print $2}')
cat <<OUT
SSHD_DIR=$dir
SSHD_PORT=$try_port
SSHD_PID=$pid
SSHD_USER=$SFTP_USER
SSHD_LEGACY_USER=$LEGACY_USER
SSHD_CHROOT=$dir/chroot
SSHD_CLIENT_DIR=$dir/client
SSHD_HOST_KEY_FINGERPRINT=$fingerprint
SSHD_HOST_KEY_TYPE=ssh-ed25519
OUT
