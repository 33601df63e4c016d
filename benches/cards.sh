#!/usr/bin/env bash
# One line per card backend against the virtual cards (with a per-APDU latency, default 20 ms)
# and the local sandbox DMP: the first `dmp card info` (certificates read from the card, no
# cache) and one `dmp docs list`, timed, with the number of card signatures each cost (counted
# in the card's own APDU log: INTERNAL AUTHENTICATE, PSO COMPUTE DIGITAL SIGNATURE and, on a
# CPS4, the last block of PSO DECIPHER). Backends: the APDU path (`--credential card`) with a
# virtual CPS3 then a virtual CPS4, and PKCS#11 over OpenSC's module (`--credential pkcs11`,
# CPS3 only: OpenSC knows no CPS4). Usage: bash benches/cards.sh [LATENCY_MS]; BIN=target/release after
# a release build times the optimised binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh
latency=${1:-20}
opensc_module=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config opensc xmlsec1
bin=${BIN:-target/debug}
if [[ $bin == target/debug ]]; then
  step "building dmp and dmp-sandbox"
  cargo build --workspace --bins --locked
fi
start_pcscd

sc_mktemp work
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
$bin/dmp-sandbox pki >/dev/null
$bin/dmp-sandbox serve >"$work/serve.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
for _ in $(seq 600); do
  [[ -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml" ]] && grep -q endpoint "$work/serve.log" && break
  sleep 0.1
done
grep -q endpoint "$work/serve.log" || { cat "$work/serve.log" >&2; echo "dmp-sandbox serve did not start" >&2; exit 1; }

reader="Virtual PCD 00 00"
lock_vpcd_slot 35963
card_pid=
# insert_card GENERATION: pulls the card in the reader (if any) and inserts a fresh one.
insert_card() {
  if [[ -n $card_pid ]]; then
    kill "$card_pid"
    wait "$card_pid" 2>/dev/null || true
  fi
  wait_for_card $bin/dmp "$reader" no
  $bin/dmp-sandbox -v card --generation "$1" --apdu-latency-ms "$latency" 2>"$work/card.log" &
  card_pid=$!
  SC_CHILD_PIDS="$card_pid $SC_CHILD_PIDS"
  wait_for_card $bin/dmp "$reader" yes
}
insert_card cps3

# CLA 00 (CPS3) or 01 (CPS4, channel 1); a chained PSO DECIPHER counts once, by its last block.
signatures() { grep -cE "apdu 0[01] 88 |apdu 0[01] 2A 9E 9A|apdu 01 2A 80 86" "$work/card.log" || true; }
# measure ARGS…: runs `dmp ARGS…` and prints "<ms> ms, <n> card signatures" (after FAILED when
# it fails).
measure() {
  local before s e rc=0
  before=$(signatures)
  s=$(date +%s%N)
  DMP_BENCH_PIN=1234 $bin/dmp --reader "$reader" --pin-env DMP_BENCH_PIN "$@" >/dev/null || rc=$?
  e=$(date +%s%N)
  ((rc == 0)) || printf 'FAILED (exit %s, its error above): ' "$rc"
  echo "$(((e - s) / 1000000)) ms, $(($(signatures) - before)) card signatures"
}

echo "APDU latency: ${latency} ms"
for backend in "card" "pkcs11 --pkcs11-module $opensc_module"; do
  # shellcheck disable=SC2086 # the backend's words are options
  set -- --credential $backend
  name=${backend%% *}
  [[ $name == pkcs11 ]] && name="PKCS#11 (OpenSC)" || name="APDU (CPS3)"
  echo "$name: first card info: $(measure "$@" card info --no-cache)"
  echo "$name: docs list: $(measure --profile sandbox "$@" docs list --ins 280057505600117)"
done
# The CPS4 over APDUs (OpenSC knows no CPS4, so no PKCS#11 line for it): channel 1, the TLS
# signature as MSE + chained PSO DECIPHER (raw RSA), the VIHF's as PSO CDS.
insert_card cps4
echo "APDU (CPS4): first card info: $(measure --credential card card info --no-cache)"
echo "APDU (CPS4): docs list: $(measure --profile sandbox --credential card docs list --ins 280057505600117)"
