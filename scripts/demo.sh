#!/usr/bin/env bash
# The main job against the embedded sandbox, with no card reader and no network: a local DMP
# (`dmp-sandbox serve`, TLS 1.2 with client certificates on loopback, seeded patients), read
# first in indirect mode with the clinic's structure certificate, then in direct mode with the
# virtual CPS3 card in pcscd's vpcd reader; then the example lab batch pushed, the new
# documents listed, and the access report of everything the demo did.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config xmlsec1
step "building dmp and dmp-sandbox (the first build takes several minutes)"
cargo build --workspace --bins --locked
start_pcscd

# Everything the demo makes (test keys, the audit journal, a patient document) lives here and
# is removed on exit.
sc_mktemp work
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
bin=./target/debug
step "starting the local DMP (dmp-sandbox serve) with a fresh test PKI in $work"
$bin/dmp-sandbox pki >/dev/null
$bin/dmp-sandbox serve >"$work/serve.log" 2>&1 &
serve_pid=$!
SC_CHILD_PIDS="$serve_pid $SC_CHILD_PIDS"
# Ready once it has written the client profile and printed its endpoint.
for _ in $(seq 600); do
  [[ -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml" ]] && grep -q endpoint "$work/serve.log" && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; echo "dmp-sandbox serve exited" >&2; exit 1; }
  sleep 0.1
done
grep -q endpoint "$work/serve.log" || { cat "$work/serve.log" >&2; echo "dmp-sandbox serve did not come up within 60 s" >&2; exit 1; }
ALICE=280057505600117

# run ARGS…: `dmp ARGS…`, which must succeed; refused CODE ARGS…: which must be refused with
# exit code CODE. Anything else stops the demo with an error.
run() {
  local rc=0
  echo; printf '$ dmp'; printf ' %q' "$@"; echo
  $bin/dmp "$@" || rc=$?
  ((rc == 0)) || { echo "demo failed: \`dmp $*\` exited with code $rc" >&2; exit 1; }
}
refused() {
  local want=$1 rc=0
  shift
  echo; printf '$ dmp'; printf ' %q' "$@"; echo
  $bin/dmp "$@" || rc=$?
  ((rc == want)) || { echo "demo failed: \`dmp $*\` exited with code $rc, not $want" >&2; exit 1; }
  echo "(exit code $rc, as expected)"
}

echo "== Indirect mode: the clinic's structure certificate, no card =="
run --profile sandbox doctor
run --profile sandbox patient status --ins $ALICE
# The DMP's rights matrix forbids a metadata search with a structure certificate (column F1):
# dmp refuses it before sending anything and names the rule (exit code 9: refused by the DMP
# access rules).
refused 9 --profile sandbox docs list --ins $ALICE

echo
echo "== Direct mode: the practitioner's (virtual) CPS3 card =="
reader="Virtual PCD 00 00"
lock_vpcd_slot 35963
wait_for_card $bin/dmp "$reader" no
$bin/dmp-sandbox card --pki "$XDG_DATA_HOME/dmp-sandbox/pki" --port 35963 >"$work/card.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
wait_for_card $bin/dmp "$reader" yes
export DEMO_PIN=1234   # the virtual card's PIN; a person would type it at the prompt
card=(--profile sandbox --credential card --reader "$reader" --pin-env DEMO_PIN)
run "${card[@]}" card info
run "${card[@]}" patient status --ins $ALICE
run "${card[@]}" docs list --ins $ALICE
run "${card[@]}" docs get --ins $ALICE 1.2.250.1.999.9.1.1.1 -o "$work/bio.xml"
echo
echo "Server-side traces:"
$bin/dmp-sandbox traces | tail -n 5

echo
echo "== A laboratory's night batch: examples/lab-batch (indirect mode, unattended) =="
# Five lab results for three patients, one submission per patient, two at a time; the state
# kept in \$XDG_STATE_HOME/dmp/batches/ makes a second run (or a run after a kill) send nothing
# twice.
run --profile sandbox push --batch examples/lab-batch/manifest.csv --jobs 2
run --profile sandbox push --batch examples/lab-batch/manifest.csv
# ALICE's documents, read with the card: the two new lab results are there.
run "${card[@]}" docs list --ins $ALICE --type 11502-2

echo
echo "== The access report of what this demo did (the local audit journal) =="
# Every request and every refusal above, written before it left; the refused search of the
# indirect part is flagged.
run report access
run report access --summary patient
run audit verify
echo
echo "The demo's directory $work (test keys, journal, document) is removed on exit."
