#!/usr/bin/env bash
# Every test: formatting, lints, unit and integration tests (real pcscd + vpcd + the virtual
# CPS3 card, real TLS on loopback against the sandbox), then the card suites again with the
# virtual CPS4. Installs the Debian packages it needs,
# starts pcscd in the foreground and stops it at the end.
#
# The conformance tests compare our requests with the official DMP examples and validate them
# against the XDS schemas, which the project does not hold: they run when DMP_REFERENCE_DIR
# names the directory holding dmp-official/ and schemas/ (.ci/run sets it); without it cargo
# lists them as ignored, i.e. not run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

# man-db, groff-base and mandoc render and lint the man pages; bash, zsh, fish, elvish and tmux
# (a terminal for the shells that complete only in their line editor) run the completions;
# dpkg-dev (dpkg-shlibdeps) works out the Debian package's library dependencies; rsyslog and
# rsyslog-gnutls: the audit repository tests start their own rsyslogd, on a loopback port with
# its own configuration (installing the package may also enable the machine's syslog service
# where an init system starts services).
need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config opensc softhsm2 openssl xmlsec1 libxml2-utils \
  man-db groff-base mandoc bash zsh fish elvish tmux dpkg-dev rsyslog rsyslog-gnutls
start_pcscd

# cargo-deb builds the Debian package that tests/package.rs installs and runs. It comes from
# crates.io and stays in ~/.cargo/bin: the first run compiles it (about a minute on two cores),
# later runs find it. The version is pinned: the test packages its dev build, which a later
# cargo-deb may refuse.
CARGO_DEB_VERSION=3.8.0
if [[ "$(cargo deb --version 2>/dev/null)" != *" $CARGO_DEB_VERSION"* ]]; then
  step "installing cargo-deb $CARGO_DEB_VERSION from crates.io (once; about a minute)"
  cargo install cargo-deb --locked --version "$CARGO_DEB_VERSION"
fi

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
# The same end-to-end card suites with a virtual CPS4 in the reader (NXP ChipDoc: logical
# channel 1, the TLS signature as a raw RSA operation, PSO CDS with algorithm references); the
# OpenSC tests keep their CPS3, since OpenSC knows no CPS4.
step "running the card suites again with the virtual CPS4 (DMP_TEST_CARD=cps4)"
DMP_TEST_CARD=cps4 cargo test --locked -p dmp --test card --test card_activities --test session_card \
  --test dmp_direct --test dmp_signed_vihf --test dmp_push --test dmp_update
if ((${#conformance[@]} == 0)); then
  step "done; the conformance tests were not run (set DMP_REFERENCE_DIR to run them)"
fi
