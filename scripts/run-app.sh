#!/usr/bin/env bash
# Sets up a fresh Debian machine and starts Approval Desk.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh
npm --prefix ui ci --no-audit --no-fund --loglevel=error
npm --prefix ui run build
cargo build --release --bin approval-desk --locked

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the window on a virtual display (Xvfb)." >&2
  exec xvfb-run -a target/release/approval-desk "$@"
fi
exec target/release/approval-desk "$@"
