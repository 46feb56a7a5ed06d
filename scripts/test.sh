#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine: installs what it needs,
# then runs formatting, lints, the UI's checks, every Rust test, the browser
# test of the UI, the bundle, the Windows cross-build and the end-to-end test
# of the real window.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long the run has taken so far, so a slow step shows in
# CI's log (the whole run must stay under 45 minutes on two cores).
step() { printf '\n==> [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

step "system packages"
bash scripts/install-system-packages.sh

step "outside PDF signature verifiers (pyHanko)"
bash scripts/install-verifiers.sh

step "UI dependencies"
npm --prefix ui ci --no-audit --no-fund --loglevel=error

step "UI: type check, lint, unit and component tests, build"
npm --prefix ui run typecheck
npm --prefix ui run lint
npm --prefix ui run test
# The app embeds ui/dist at compile time, so the UI is built before cargo runs.
npm --prefix ui run build

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "PostgreSQL for the hub's tests"
# The hub's suite runs on SQLite and on PostgreSQL; scripts/postgres.sh
# installs and starts a server when none answers and prints its URL.
HUB_TEST_POSTGRES_URL="$(bash scripts/postgres.sh | tail -n 1)"
export HUB_TEST_POSTGRES_URL

step "Rust tests"
# The end-to-end tests of tests/ run the real binaries (desk-hub, deskctl).
cargo build --workspace --bins --locked
cargo test --workspace --locked

step "browser test of the UI"
node --test --test-reporter=spec ui/e2e/app.test.mjs

step "the release app and its Linux bundle"
# The bundler builds the app in release with the UI embedded; that binary
# is what ships and what the window's end-to-end test below drives. The
# tools the test starts beside it (deskctl, desk-hub) are the debug builds
# of the Rust tests' step: building them again in release would add minutes
# and test nothing the app's users run.
npm --prefix ui exec -- tauri build --bundles deb --ci
ls -l target/release/bundle/deb/*.deb

step "Windows cross-build (x86_64-pc-windows-gnu, mingw-w64)"
rustup target add x86_64-pc-windows-gnu
cargo build --target x86_64-pc-windows-gnu --workspace --bins --locked
ls -l target/x86_64-pc-windows-gnu/debug/approval-desk.exe target/x86_64-pc-windows-gnu/debug/deskctl.exe

step "end-to-end test of the real window"
APPROVAL_DESK_BIN=target/release/approval-desk DESKCTL_BIN=target/debug/deskctl DESK_HUB_BIN=target/debug/desk-hub \
  bash scripts/e2e-app.sh

step "all checks passed"
