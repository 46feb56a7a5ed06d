#!/usr/bin/env bash
# Coverage-guided fuzzing of what reads files from outside: `verify_pdf`
# (with the page and signature counts) and the PKCS#12 key file reader,
# with AFL++ through cargo-afl on the stable toolchain
# (crates/esign/fuzz; see crates/esign/README.md).
#
#   scripts/fuzz.sh [seconds] [target...]
#
# Runs every target (verify_pdf, pkcs12) side by side for `seconds` each
# (default 600), resuming the corpus under crates/esign/fuzz/out, then
# prints the executions, crashes and hangs of each. Crashing inputs are
# copied to crates/esign/fuzz/findings/<target>/ and the script fails:
# each one becomes a regression file under crates/esign/tests/regressions/.
# Not part of scripts/test.sh: building the instrumented targets alone takes
# 5-10 minutes on two cores. The test suite's short run is
# crates/esign/tests/fuzz_regressions.rs (regressions, seeds, mutations).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
shift || true
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=(verify_pdf pkcs12); fi
fuzz=crates/esign/fuzz

# cargo-afl at a known version; installing it also builds its AFL++.
if ! cargo afl --version 2>/dev/null | grep -q "0.18.2"; then
  cargo install cargo-afl --version 0.18.2 --locked
fi
# AFL++'s runtime for this rustc (an error only means it is already built).
cargo afl config --build >/dev/null 2>&1 || true

(cd "$fuzz" && cargo afl build --release --quiet)
if [ ! -f "$fuzz/seeds/root.der" ]; then
  (cd "$fuzz" && ./target/release/seeds)
fi

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export AFL_AUTORESUME=1 AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1
pids=()
for target in "${targets[@]}"; do
  case "$target" in
    verify_pdf) seeds=pdf; extra=(-x "$fuzz/pdf.dict") ;;
    pkcs12) seeds=pkcs12; extra=() ;;
    *) echo "unknown target $target" >&2; exit 2 ;;
  esac
  mkdir -p "$fuzz/out/$target"
  cargo afl fuzz -i "$fuzz/seeds/$seeds" -o "$fuzz/out/$target" -V "$seconds" -t 2000 \
    "${extra[@]}" -- "$fuzz/target/release/$target" >"$fuzz/out/$target.log" 2>&1 &
  pids+=("$!")
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done

crashed=0
for target in "${targets[@]}"; do
  stats="$fuzz/out/$target/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then
    echo "$target: no statistics (see $fuzz/out/$target.log)" >&2
    tail -20 "$fuzz/out/$target.log" >&2 || true
    status=1
    continue
  fi
  stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
  echo "$target: $(stat execs_done) executions in $(stat run_time) s ($(stat execs_per_sec)/s), corpus $(stat corpus_count), coverage $(stat bitmap_cvg), $(stat saved_crashes) crashes, $(stat saved_hangs) hangs"
  crashes=$(find "$fuzz/out/$target/default/crashes" -name 'id:*' 2>/dev/null | wc -l)
  if [ "$crashes" -gt 0 ]; then
    mkdir -p "$fuzz/findings/$target"
    cp "$fuzz/out/$target/default/crashes"/id:* "$fuzz/findings/$target/"
    echo "$target: $crashes crashing inputs copied to $fuzz/findings/$target" >&2
    crashed=1
  fi
done
[ "$crashed" -eq 0 ] || exit 1
exit "$status"
