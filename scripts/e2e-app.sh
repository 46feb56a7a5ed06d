#!/usr/bin/env bash
# End-to-end test of the REAL Approval Desk window: runs the built app binary
# in its WebKitGTK window on a virtual display (Xvfb) with its own session
# bus, drives it through tauri-driver + WebKitWebDriver (W3C WebDriver), and
# runs with node's test runner:
#   tests/e2e/app-window.test.mjs   the window's tools on an unbound profile
#                                   (APPROVAL_DESK_DEMO=0: local mode, no demo)
#   tests/e2e/officer-day.test.mjs  the officer's day against a real desk-hub:
#                                   a case from the window unit to the pushed,
#                                   e-sealed result (its seal password in the
#                                   session's Secret Service keyring)
#
# Usage (from anywhere, after the app is built):
#   bash scripts/e2e-app.sh
# Environment:
#   APPROVAL_DESK_BIN   app binary (default target/debug/approval-desk;
#                       target/release/approval-desk if only that exists)
#   DESKCTL_BIN         deskctl binary, used by the tests to prepare the profile
#                       and the PDFs to check (default: deskctl beside the app)
#   DESK_HUB_BIN        desk-hub binary, the officer's day's hub (default:
#                       desk-hub beside the app)
#   E2E_TIMEOUT         overall bound in seconds for the node run (default 900)
#   E2E_WEBDRIVER_PORT  tauri-driver's port (default 4444, or a free one if busy)
#   E2E_TEST_FILE       test file(s) to run, space-separated (default: both above)
# Exits non-zero on any failure. Screenshots: target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

TAURI_DRIVER_VERSION="2.1.0"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf 'e2e-app: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------
# Inner part: runs on the virtual display, inside the private session bus.
# ---------------------------------------------------------------------------
if [ "${E2E_APP_INNER:-}" = "1" ]; then
  : "${E2E_WORK:?}" "${APPROVAL_DESK_BIN:?}" "${E2E_WEBDRIVER_PORT:?}" "${E2E_NATIVE_PORT:?}"
  driver_log="$E2E_WORK/tauri-driver.log"
  driver_pgid=""

  stop_driver() {
    [ -n "$driver_pgid" ] || return 0
    # tauri-driver runs in its own process group (setsid): WebKitWebDriver and
    # the app it launched are in that group too, so end the whole group.
    kill -TERM -- "-$driver_pgid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 -- "-$driver_pgid" 2>/dev/null || { driver_pgid=""; return 0; }
      sleep 0.1
    done
    log "tauri-driver group $driver_pgid still alive after 5 s: killing it"
    kill -KILL -- "-$driver_pgid" 2>/dev/null || true
    driver_pgid=""
  }
  trap stop_driver EXIT

  # The OS keyring of this session: a Secret Service (gnome-keyring) on the
  # private bus, its login keyring unlocked with a throwaway password, where
  # `deskctl pdf remember-password` keeps the seal's password and the app
  # reads it. (The kernel keyring is no option in containers that refuse to
  # link keys into the per-user persistent keyring, as this one does.) The
  # daemon ends with the bus.
  if command -v gnome-keyring-daemon >/dev/null; then
    printf '%s' "e2e-keyring-$$" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null \
      || log "warning: gnome-keyring-daemon did not start: the seal's password has no keyring"
  else
    log "warning: gnome-keyring-daemon is missing (apt-get install gnome-keyring): the seal's password has no keyring"
  fi
  trap 'exit 130' INT
  trap 'exit 143' TERM

  setsid tauri-driver --port "$E2E_WEBDRIVER_PORT" --native-port "$E2E_NATIVE_PORT" \
    --native-driver /usr/bin/WebKitWebDriver >"$driver_log" 2>&1 &
  driver_pgid=$!   # setsid forks nothing when already a child: pid = pgid

  status_url="http://127.0.0.1:$E2E_WEBDRIVER_PORT/status"
  ready=""
  for _ in $(seq 1 150); do   # up to 15 s
    if ! kill -0 "$driver_pgid" 2>/dev/null; then
      log "tauri-driver exited early; its log:"; cat "$driver_log" >&2; exit 1
    fi
    if curl -fsS --max-time 1 "$status_url" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.1
  done
  [ -n "$ready" ] || { log "tauri-driver did not answer $status_url within 15 s; its log:"; cat "$driver_log" >&2; exit 1; }
  log "tauri-driver ${E2E_TAURI_DRIVER_VERSION:-?} ready on port $E2E_WEBDRIVER_PORT"

  rc=0
  read -r -a test_files <<<"${E2E_TEST_FILE:-tests/e2e/app-window.test.mjs tests/e2e/officer-day.test.mjs}"
  E2E_WEBDRIVER_URL="http://127.0.0.1:$E2E_WEBDRIVER_PORT" \
    timeout --kill-after=10 "${E2E_TIMEOUT:-900}" \
    node --test --test-reporter=spec --test-concurrency=1 "${test_files[@]}" || rc=$?
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then log "the test run exceeded ${E2E_TIMEOUT:-900} s and was stopped"; fi
  if [ "$rc" -ne 0 ]; then
    log "failed (exit $rc); tauri-driver / WebKit / app log (last 60 lines):"
    tail -n 60 "$driver_log" >&2 || true
  fi
  exit "$rc"
fi

# ---------------------------------------------------------------------------
# Outer part: checks and installs the tools, prepares a throwaway profile.
# ---------------------------------------------------------------------------
started=$(date +%s)

bin="${APPROVAL_DESK_BIN:-}"
if [ -z "$bin" ]; then
  bin="target/debug/approval-desk"
  if [ ! -x "$bin" ] && [ -x target/release/approval-desk ]; then
    log "target/debug/approval-desk not built: using target/release/approval-desk"
    bin="target/release/approval-desk"
  fi
fi
[ -x "$bin" ] || die "app binary '$bin' not found: build it first (cargo build --bin approval-desk) or set APPROVAL_DESK_BIN"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
deskctl_bin="${DESKCTL_BIN:-$(dirname "$bin")/deskctl}"
[ -x "$deskctl_bin" ] || die "deskctl binary '$deskctl_bin' not found: build it beside the app (cargo build --bin deskctl, with the same profile) or set DESKCTL_BIN"
deskctl_bin="$(cd "$(dirname "$deskctl_bin")" && pwd)/$(basename "$deskctl_bin")"
hub_bin="${DESK_HUB_BIN:-$(dirname "$bin")/desk-hub}"
[ -x "$hub_bin" ] || die "desk-hub binary '$hub_bin' not found: build it beside the app (cargo build --bin desk-hub, with the same profile) or set DESK_HUB_BIN"
hub_bin="$(cd "$(dirname "$hub_bin")" && pwd)/$(basename "$hub_bin")"

# System tools: Xvfb, WebKitWebDriver, a session bus, curl.
if ! command -v xvfb-run >/dev/null || ! command -v xauth >/dev/null || [ ! -x /usr/bin/WebKitWebDriver ] \
  || ! command -v dbus-run-session >/dev/null || ! command -v curl >/dev/null; then
  log "installing missing system packages"
  bash scripts/install-system-packages.sh
  missing=()
  command -v dbus-run-session >/dev/null || missing+=(dbus)
  command -v curl >/dev/null || missing+=(curl)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi
command -v node >/dev/null || die "node (>= 20) is required"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || die "node >= 20 is required, found $(node --version)"

# tauri-driver (pinned 2.x), installed only when missing. tauri-driver 2.x has
# no --version flag (it rejects it as an unused argument), so "installed" means
# `tauri-driver --help` runs; the version is read from cargo's install list.
tauri_driver_ok() { tauri-driver --version >/dev/null 2>&1 || tauri-driver --help >/dev/null 2>&1; }
if ! tauri_driver_ok; then
  log "installing tauri-driver $TAURI_DRIVER_VERSION"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked
fi
tauri_driver_ok || die "tauri-driver is not runnable after installing it"
tauri_driver_version="$(cargo install --list 2>/dev/null | sed -n 's/^tauri-driver v\([^:]*\):.*/\1/p')"
case "$tauri_driver_version" in
  2.*) ;;
  "") log "warning: tauri-driver on PATH was not installed by cargo; its version is unknown" ;;
  *) die "tauri-driver $tauri_driver_version is installed; 2.x is needed (cargo install tauri-driver --version $TAURI_DRIVER_VERSION --locked --force)" ;;
esac

# Ports: 4444 (tauri-driver's default) unless busy; the native driver's port next to it.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="${E2E_WEBDRIVER_PORT:-4444}"
if ! port_free "$port"; then
  [ -z "${E2E_WEBDRIVER_PORT:-}" ] || die "port $port is in use"
  port="$(free_port)"; log "port 4444 is in use: using $port"
fi
native_port=$((port + 1))
port_free "$native_port" || native_port="$(free_port)"

# A throwaway profile: the app's database and the webview's storage live in a
# fresh temp dir, never in the real profile.
work="$(mktemp -d -t approval-desk-e2e.XXXXXX)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/profile" "$work/xdg-data" "$work/xdg-config" "$work/xdg-cache" "$work/runtime"
chmod 700 "$work/runtime"
mkdir -p target/e2e-screenshots
# Only this test's own screenshots: the browser test's (browser-*.png) stay.
rm -f target/e2e-screenshots/window*.png

log "app binary: $bin"
log "deskctl:    $deskctl_bin"
log "desk-hub:   $hub_bin"
log "profile:    $work/profile/desk.db"

set +e
env E2E_APP_INNER=1 E2E_WORK="$work" \
  APPROVAL_DESK_BIN="$bin" DESKCTL_BIN="$deskctl_bin" DESK_HUB_BIN="$hub_bin" APPROVAL_DESK_DB="$work/profile/desk.db" \
  APPROVAL_DESK_DEMO=0 \
  E2E_WEBDRIVER_PORT="$port" E2E_NATIVE_PORT="$native_port" E2E_TAURI_DRIVER_VERSION="$tauri_driver_version" \
  E2E_SCREENSHOT_DIR="$ROOT/target/e2e-screenshots" \
  XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config" XDG_CACHE_HOME="$work/xdg-cache" \
  XDG_RUNTIME_DIR="$work/runtime" \
  NO_AT_BRIDGE=1 GTK_A11Y=none \
  xvfb-run -a -s "-screen 0 1400x1000x24 -nolisten tcp" \
  dbus-run-session -- bash "$ROOT/scripts/e2e-app.sh"
rc=$?
set -e

log "finished in $(( $(date +%s) - started )) s with exit code $rc"
exit "$rc"
