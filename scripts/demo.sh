#!/usr/bin/env bash
# The main job against the embedded sandbox, with no card reader and no network: a local DMP
# (`dmp-sandbox serve`, TLS 1.2 with client certificates on loopback, seeded patients), read
# first in indirect mode with the clinic's structure certificate, then in direct mode with the
# virtual CPS3 card in pcscd's vpcd reader.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config xmlsec1
cargo build --quiet --workspace --bins
start_pcscd

work=$(mktemp -d)
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
bin=./target/debug
$bin/dmp-sandbox pki >/dev/null
$bin/dmp-sandbox serve >"$work/serve.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
for _ in $(seq 100); do
  [[ -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml" ]] && grep -q endpoint "$work/serve.log" && break
  sleep 0.1
done
ALICE=280057505600117

run() { echo; echo "\$ dmp $*"; $bin/dmp "$@" || echo "(exit code $?)"; }

echo "== Indirect mode: the clinic's structure certificate, no card =="
run --profile sandbox doctor
run --profile sandbox patient status --ins $ALICE
# The DMP's rights matrix forbids a metadata search with a structure certificate (column F1):
# the refusal is explained.
run --profile sandbox docs list --ins $ALICE

echo
echo "== Direct mode: the practitioner's (virtual) CPS3 card =="
$bin/dmp-sandbox card --pki "$XDG_DATA_HOME/dmp-sandbox/pki" --port 35963 >"$work/card.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
$bin/dmp readers --wait 10 >/dev/null
export DEMO_PIN=1234   # the virtual card's PIN; a person would type it at the prompt
card=(--profile sandbox --credential card --pin-env DEMO_PIN)
run "${card[@]}" card info
run "${card[@]}" patient status --ins $ALICE
run "${card[@]}" docs list --ins $ALICE
run "${card[@]}" docs get --ins $ALICE 1.2.250.1.999.9.1.1.1 -o "$work/bio.xml"
echo
echo "Audit journal: $XDG_DATA_HOME/dmp/audit.jsonl ($(wc -l <"$XDG_DATA_HOME/dmp/audit.jsonl") transactions)"
echo "Server-side traces:"
$bin/dmp-sandbox traces | tail -n 5
