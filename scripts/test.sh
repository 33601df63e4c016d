#!/usr/bin/env bash
# Every test: formatting, lints, unit and integration tests (real pcscd + vpcd + the virtual
# CPS3 card, real TLS on loopback against the sandbox). Installs the Debian packages it needs,
# starts pcscd in the foreground and stops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config opensc openssl xmlsec1 libxml2-utils
start_pcscd

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo test --workspace --locked
