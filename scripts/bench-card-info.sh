#!/usr/bin/env bash
# Times `dmp card info` against the virtual card with a per-APDU latency (default 20 ms, about
# what a real reader and card cost): the first run reads the certificates from the card, the
# next ones take them from the cache. Goal: a cached run under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh
latency=${1:-20}
runs=${2:-5}

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config
step "building dmp (release; the first build takes several minutes)"
cargo build --release --workspace --bins --locked
start_pcscd

sc_mktemp work
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
./target/release/dmp-sandbox pki --out "$work/pki" >/dev/null
reader="Virtual PCD 00 00"
lock_vpcd_slot 35963
wait_for_card ./target/release/dmp "$reader" no
./target/release/dmp-sandbox card --pki "$work/pki" --apdu-latency-ms "$latency" &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
wait_for_card ./target/release/dmp "$reader" yes

time_ms() {
  local s e
  s=$(date +%s%N)
  ./target/release/dmp --reader "$reader" card info --output json >/dev/null
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
echo "APDU latency: ${latency} ms"
echo "first run (certificates from the card): $(time_ms) ms"
for i in $(seq "$runs"); do
  echo "cached run $i: $(time_ms) ms"
done
