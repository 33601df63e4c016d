#!/usr/bin/env bash
# Every test: formatting, lints, unit and integration tests (real pcscd + vpcd + the virtual
# CPS3 card, real TLS on loopback against the sandbox). Installs the Debian packages it needs,
# starts pcscd in the foreground and stops it at the end.
#
# The conformance tests compare our requests with the official DMP examples and validate them
# against the XDS schemas, which the project does not hold: they run when DMP_REFERENCE_DIR
# names the directory holding dmp-official/ and schemas/ (.ci/run sets it); without it cargo
# lists them as ignored, i.e. not run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

# rsyslog and rsyslog-gnutls: the audit repository tests start their own rsyslogd, on a loopback
# port with its own configuration (installing the package may also enable the machine's syslog
# service where an init system starts services).
need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config opensc openssl xmlsec1 libxml2-utils \
  rsyslog rsyslog-gnutls
start_pcscd

conformance=()
if [[ -n "${DMP_REFERENCE_DIR:-}" ]]; then
  if [[ ! -d "$DMP_REFERENCE_DIR/dmp-official" || ! -d "$DMP_REFERENCE_DIR/schemas" ]]; then
    echo "DMP_REFERENCE_DIR=$DMP_REFERENCE_DIR does not hold dmp-official/ and schemas/" >&2
    exit 1
  fi
  conformance=(--include-ignored)
fi

step "checking the formatting (cargo fmt)"
cargo fmt --all -- --check
step "building and linting every target (cargo clippy; the first build takes several minutes)"
cargo clippy --workspace --all-targets --locked -- -D warnings
if ((${#conformance[@]})); then
  step "building and running every test, the conformance tests against $DMP_REFERENCE_DIR included"
else
  step "building and running the tests; the conformance tests need DMP_REFERENCE_DIR and show as ignored (not run)"
fi
cargo test --workspace --locked -- "${conformance[@]}"
if ((${#conformance[@]} == 0)); then
  step "done; the conformance tests were not run (set DMP_REFERENCE_DIR to run them)"
fi
