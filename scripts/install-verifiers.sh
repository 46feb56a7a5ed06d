#!/usr/bin/env bash
# Installs the outside PDF signature verifier pyHanko (from PyPI) into a venv
# of its own, so the tests can hold our signatures against a second,
# independent implementation. Idempotent. Prints nothing but progress.
#
# Where: $APPROVAL_DESK_TOOLS (default ~/.cache/approval-desk/tools); the
# tests look for `$APPROVAL_DESK_TOOLS/pyhanko/bin/pyhanko`.
set -euo pipefail

tools="${APPROVAL_DESK_TOOLS:-$HOME/.cache/approval-desk/tools}"
venv="$tools/pyhanko"
# Pinned: the tests read pyHanko's report, whose wording may change.
wanted="pyhanko==0.38.0 pyhanko-cli==0.6.0"

if [ -x "$venv/bin/pyhanko" ] && [ "$(cat "$venv/.pinned" 2>/dev/null)" = "$wanted" ]; then
  echo "pyHanko: present ($wanted)"
  exit 0
fi

echo "pyHanko: installing $wanted into $venv"
mkdir -p "$tools"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check $wanted
echo "$wanted" > "$venv/.pinned"
