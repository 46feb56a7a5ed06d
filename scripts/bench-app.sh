#!/usr/bin/env bash
# Benchmark of the REAL Approval Desk window (issue 14, "Benchmarks"): the
# release app over a profile of 100,000 cases, in local mode, on a virtual
# display (Xvfb) with its own session bus, driven through tauri-driver +
# WebKitWebDriver by tests/e2e/bench-app.mjs. It measures
#   1. the start: process launch -> first inbox row rendered and focusable
#      (median of BENCH_RUNS launches);
#   2. the memory (PSS) of the app and its WebKit processes, with the inbox
#      shown and after scrolling BENCH_SCROLL_ROWS rows;
#   3. the time per page when scrolling the inbox;
#   4. the time from a click on 受理 (accept) to the updated case view, and
#      back in the inbox to the updated row.
# It prints a table and writes target/bench-app.json. Nothing about time is
# asserted: it fails only when the window cannot be driven.
#
# Usage (from anywhere):
#   bash scripts/bench-app.sh
# Environment (defaults):
#   BENCH_CASES=100000       cases in the profile
#   BENCH_RUNS=5             launches timed for the start
#   BENCH_SCROLL_ROWS=5000   rows scrolled
#   BENCH_SKIP_BUILD=0       1: use the release binaries as they are
#   BENCH_TIMEOUT=900        overall bound in seconds for the node run
#
# The profile is seeded once (deskctl bench seed-inbox, then deskctl sweep,
# as the app's own 5-minute sweep would have kept it) and cached in
# target/bench-profile/cases-<N>/; each run works on a fresh copy of it in
# target/bench-profile/run/ (the bench accepts a case; the app's sweep
# writes). Delete the cache folder to seed again.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf 'bench-app: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------------------
# Inner part: runs on the virtual display, inside the private session bus.
# ---------------------------------------------------------------------------
if [ "${BENCH_APP_INNER:-}" = "1" ]; then
  : "${BENCH_WORK:?}" "${APPROVAL_DESK_BIN:?}" "${BENCH_WEBDRIVER_PORT:?}" "${BENCH_NATIVE_PORT:?}"
  driver_log="$BENCH_WORK/tauri-driver.log"
  tauri-driver --port "$BENCH_WEBDRIVER_PORT" --native-port "$BENCH_NATIVE_PORT" \
    --native-driver /usr/bin/WebKitWebDriver >"$driver_log" 2>&1 &
  driver_pid=$!

  # Ends tauri-driver and whatever it left (WebKitWebDriver, an app), each
  # by its own pid, children first.
  descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
      descendants "$child"
      echo "$child"
    done
  }
  stop_driver() {
    local pids
    pids="$(descendants "$driver_pid") $driver_pid"
    for pid in $pids; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 1 50); do
      alive=""
      for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ -n "$alive" ] || return 0
      sleep 0.1
    done
    for pid in $pids; do kill -KILL "$pid" 2>/dev/null || true; done
  }
  trap stop_driver EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  ready=""
  for _ in $(seq 1 150); do   # up to 15 s
    kill -0 "$driver_pid" 2>/dev/null || { log "tauri-driver exited early; its log:"; cat "$driver_log" >&2; exit 1; }
    if curl -fsS --max-time 1 "http://127.0.0.1:$BENCH_WEBDRIVER_PORT/status" >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.1
  done
  [ -n "$ready" ] || { log "tauri-driver did not answer within 15 s; its log:"; cat "$driver_log" >&2; exit 1; }

  rc=0
  BENCH_WEBDRIVER_URL="http://127.0.0.1:$BENCH_WEBDRIVER_PORT" BENCH_DRIVER_PID="$driver_pid" \
    timeout --kill-after=10 "${BENCH_TIMEOUT:-900}" node tests/e2e/bench-app.mjs || rc=$?
  if [ "$rc" -ne 0 ]; then
    log "failed (exit $rc); tauri-driver / WebKit / app log (last 40 lines):"
    tail -n 40 "$driver_log" >&2 || true
  fi
  exit "$rc"
fi

# ---------------------------------------------------------------------------
# Outer part: builds, seeds (once) and copies the profile, starts the display.
# ---------------------------------------------------------------------------
cases="${BENCH_CASES:-100000}"
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  log "building the UI and the release binaries"
  npm --prefix ui run build >&2
  cargo build --release --bin approval-desk --bin deskctl
fi
bin="$ROOT/target/release/approval-desk"
deskctl="$ROOT/target/release/deskctl"
[ -x "$bin" ] && [ -x "$deskctl" ] || die "target/release/approval-desk and deskctl are needed (run without BENCH_SKIP_BUILD=1)"

for tool in xvfb-run xauth dbus-run-session curl node tauri-driver; do
  command -v "$tool" >/dev/null || die "$tool is missing: run bash scripts/e2e-app.sh once (it installs the system packages and tauri-driver)"
done
[ -x /usr/bin/WebKitWebDriver ] || die "WebKitWebDriver is missing: bash scripts/install-system-packages.sh"

# The cached profile: seeded, then swept once.
cache="target/bench-profile/cases-$cases"
if [ ! -f "$cache/desk.db" ]; then
  log "seeding $cases cases into $cache (once; cached)"
  rm -rf "$cache.tmp" && mkdir -p "$cache.tmp"
  "$deskctl" --db "$cache.tmp/desk.db" bench seed-inbox --cases "$cases" | tail -n 1 >&2
  log "the deemed-acceptance sweep over the seeded cases (as the app's sweep would have done)"
  "$deskctl" --db "$cache.tmp/desk.db" sweep | tail -n 1 >&2
  rm -rf "$cache" && mv "$cache.tmp" "$cache"
fi
run="target/bench-profile/run"
rm -rf "$run" && mkdir -p "$run"
cp "$cache/desk.db" "$run/desk.db"

work="$(mktemp -d -t approval-desk-bench.XXXXXX)"
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/xdg-data" "$work/xdg-config" "$work/xdg-cache" "$work/runtime"
chmod 700 "$work/runtime"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
port="$(free_port)"
native_port=$((port + 1))
port_free "$native_port" || native_port="$(free_port)"

log "app:     $bin"
log "profile: $ROOT/$run/desk.db (a copy of $cache/desk.db)"
env BENCH_APP_INNER=1 BENCH_WORK="$work" \
  APPROVAL_DESK_BIN="$bin" DESKCTL_BIN="$deskctl" APPROVAL_DESK_DB="$ROOT/$run/desk.db" APPROVAL_DESK_DEMO=0 \
  BENCH_CASES="$cases" BENCH_WEBDRIVER_PORT="$port" BENCH_NATIVE_PORT="$native_port" \
  BENCH_OUT="$ROOT/target/bench-app.json" \
  XDG_DATA_HOME="$work/xdg-data" XDG_CONFIG_HOME="$work/xdg-config" XDG_CACHE_HOME="$work/xdg-cache" \
  XDG_RUNTIME_DIR="$work/runtime" \
  NO_AT_BRIDGE=1 GTK_A11Y=none \
  xvfb-run -a -s "-screen 0 1400x1000x24 -nolisten tcp" \
  dbus-run-session -- bash "$ROOT/scripts/bench-app.sh"
