#!/usr/bin/env python3
"""Points a partner profile written by local-partner.py at the throw-away sshd started by
sshd-start.sh (its SSHD_* variables in the environment): the sshd's pinned host key, the
client key, and the partner's chrooted folders FOLDER/inbound, FOLDER/outbound, FOLDER/archive.

  sftp-partner.py PROFILE FOLDER
"""
import os, sys

path, folder = sys.argv[1], sys.argv[2].rstrip("/")
env = os.environ
text = open(path).read()
start, end = text.index("\ntransport:\n"), text.index("\nerp:\n")
sftp = f"""
transport:
  sftp:
    host: 127.0.0.1
    port: {env["SSHD_PORT"]}
    user: {env["SSHD_USER"]}
    privateKey: {env["SSHD_CLIENT_DIR"]}/id_ed25519
    hostKey: {env["SSHD_HOST_KEY_FINGERPRINT"]}
    hostKeyType: {env["SSHD_HOST_KEY_TYPE"]}
    connectTimeoutSeconds: 2
    stepTimeoutSeconds: 5
  inbound: {folder}/inbound
  outbound: {folder}/outbound
  archive: {folder}/archive"""
open(path, "w").write(text[:start] + sftp + text[end:])
