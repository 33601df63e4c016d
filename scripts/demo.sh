#!/usr/bin/env bash
# The main job against the embedded sandbox, with no card reader and no network: a virtual CPS3
# card in pcscd's vpcd reader, shown by `dmp card info` and checked by `dmp doctor`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config
cargo build --quiet --workspace --bins
start_pcscd

work=$(mktemp -d)
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data"
./target/debug/dmp-sandbox pki --out "$work/pki" >/dev/null
./target/debug/dmp-sandbox card --pki "$work/pki" --port 35963 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"

reader="Virtual PCD 00 00"
./target/debug/dmp --reader "$reader" readers --wait 10 >/dev/null
echo "\$ dmp card info"
./target/debug/dmp --reader "$reader" card info
echo
echo "\$ dmp doctor --ca-file $work/pki/ca-bundle.pem"
./target/debug/dmp --reader "$reader" doctor --ca-file "$work/pki/ca-bundle.pem"
