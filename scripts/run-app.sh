#!/usr/bin/env bash
# Sets up a fresh Debian machine and starts Approval Desk.
#
# On a fresh machine the profile is bound to no hub, so the window comes up
# in demo mode: the exchange hub runs inside the app on a loopback port,
# with its demo data in the profile folder's demo/ (never the profile's
# own data), the window signs in as the demo officer and opens on the
# inbox while cases flow in. Arguments pass to the app: --demo forces demo
# mode on a profile bound to a real hub, --no-demo keeps an unbound profile
# local. Without a display the window runs on a virtual one (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-system-packages.sh
npm --prefix ui ci --no-audit --no-fund --loglevel=error
npm --prefix ui run build
cargo build --release --bin approval-desk --locked

echo "Starting Approval Desk (demo mode unless the profile is bound to a hub)." >&2
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the window on a virtual display (Xvfb)." >&2
  exec xvfb-run -a target/release/approval-desk "$@"
fi
exec target/release/approval-desk "$@"
