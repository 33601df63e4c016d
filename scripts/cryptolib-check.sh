#!/usr/bin/env bash
# Builds the ANS Cryptolib CPS v5.2 PKCS#11 module from its public source (LGPL) in a temporary
# directory and runs OpenSC's pkcs11-tool with it against the virtual CPS3 card (or, with
# --generation cps4, the virtual CPS4, which the Cryptolib drives through its ChipDoc code): the token (-L),
# the public objects (-O), the private ones after the PIN (--login -O), both keys' signatures
# (verified by openssl against the card's certificates), the data objects, and a wrong PIN that
# costs one try. Nothing of the Cryptolib is kept or committed.
#
# Optional, not part of scripts/test.sh: it needs the Cryptolib's source, which the project does
# not hold. Give a git directory of github.com/ansforge/dops-cryptolib (a clone, or a bare
# mirror), whose commit c92279c holds _sources/_old/Sources_PKCS11_Cryptolib_CPS_v5.2:
#
#   git clone https://github.com/ansforge/dops-cryptolib /tmp/dops-cryptolib   # network, once
#   bash scripts/cryptolib-check.sh /tmp/dops-cryptolib/.git
#   bash scripts/cryptolib-check.sh --generation cps4 /tmp/dops-cryptolib/.git
#
# With a CPS4 it also signs CKM_RSA_PKCS_PSS with the authentication key (the Cryptolib registers
# PSS for the ChipDoc card only).
#
# Needs gcc, make, libpcsclite-dev, pcscd with vsmartcard-vpcd (started here if not running),
# opensc (pkcs11-tool) and openssl. The Cryptolib writes its file cache under
# /etc/opt/santesocial/CPS/cache (its compiled-in path): the card number used here is random and
# its cache files are removed at the end. Takes about a minute (the build: ~15 s on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

generation=cps3
if [[ ${1:-} == --generation ]]; then
  generation=${2:?--generation cps3|cps4}
  shift 2
fi
[[ $generation == cps3 || $generation == cps4 ]] || { echo "--generation $generation: expected cps3 or cps4" >&2; exit 2; }
GIT_DIR_IN=${1:?usage: cryptolib-check.sh [--generation cps3|cps4] GIT_DIR_OF_DOPS_CRYPTOLIB [COMMIT]}
COMMIT=${2:-c92279c}
SUBDIR=_sources/_old/Sources_PKCS11_Cryptolib_CPS_v5.2

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config opensc openssl gcc make
start_pcscd

sc_mktemp work
card_number=99$(printf '%06d' $((RANDOM * RANDOM % 1000000)))
# The Cryptolib's cache files of this run's card, then what smartcard-env.sh cleans up.
trap 'rm -f /etc/opt/santesocial/CPS/cache/"${card_number}"_*; sc_cleanup' EXIT

step "extracting the Cryptolib's source ($COMMIT:$SUBDIR)"
# File by file: a partial mirror may lack some binary blobs (Windows and macOS libraries) that
# the Linux build does not use.
git --git-dir "$GIT_DIR_IN" ls-tree -r "$COMMIT:$SUBDIR" | while read -r _ _ sha path; do
  mkdir -p "$work/src/$(dirname "$path")"
  git --git-dir "$GIT_DIR_IN" cat-file blob "$sha" >"$work/src/$path" 2>/dev/null || rm -f "$work/src/$path"
done

step "building libcps3_pkcs11_lux.so"
# Current pcsc-lite no longer defines the _A reader-state names the source uses.
sed -i 's|^#elif defined(UNIX_LUX)\r\?$|&\n#include <winscard.h>\ntypedef SCARD_READERSTATE SCARD_READERSTATE_A;\ntypedef SCARD_READERSTATE *LPSCARD_READERSTATE_A;|' \
  "$work/src/pkcs11/opensc/src/libopensc/internal-winscard.h"
grep -q "typedef SCARD_READERSTATE SCARD_READERSTATE_A" "$work/src/pkcs11/opensc/src/libopensc/internal-winscard.h"
defines="-D UNIX_LUX -D HAVE_CONFIG_H -D MODULE_IAS -D ENABLE_OPENSSL -D ENABLE_GALSS -D OPENSCPKCS11_EXPORTS -D PKCS11_THREAD_LOCKING -D ENABLE_PCSC -D _MULTI_THREADED -D HAVE_WINSCARD_H -DUNIX_X64"
# -fno-strict-aliasing: the source casts `struct pkcs15_data_object **` to
# `struct pkcs15_any_object **` (framework-pkcs15.c); with -O2 alone GCC reads the pointer back
# as NULL and the module crashes while listing the data objects.
(
  cd "$work/src/pkcs11/opensc/linux"
  mkdir -p out
  make -s -f cps3_pkcs11_lux.mak dll REPVER=out FULL_VER=1.0.4 DLL_VER=0 \
    CFLAGS="-fPIC -O2 -fno-strict-aliasing $defines -m64 -c -w" LDFLAGS="-shared -fPIC -Wl" \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
)
module="$work/src/pkcs11/opensc/linux/out/libcps3_pkcs11_lux.so"

step "building dmp and dmp-sandbox"
cargo build -q --bin dmp -p dmp --bin dmp-sandbox -p dmp-sandbox
dmp_bin=$PWD/target/debug/dmp
sandbox_bin=$PWD/target/debug/dmp-sandbox

# The tests' lock on the vpcd slot: no test plugs a card in meanwhile.
lock_vpcd_slot 35963
wait_for_card "$dmp_bin" "Virtual PCD 00 00" no

step "inserting the virtual ${generation^^} (card $card_number, two activities) and running pkcs11-tool"
export XDG_DATA_HOME="$work/data"
"$sandbox_bin" -v card --generation "$generation" --card-number "$card_number" \
  --activity 499700000017001:SA07:"CABINET TESTDOC0000001" \
  --activity 499700000017002:SA08:"CABINET DE GROUPE SANDBOX" >"$work/card.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
wait_for_card "$dmp_bin" "Virtual PCD 00 00" yes

p11() { pkcs11-tool --module "$module" "$@"; }
PIN=1234
root=$PWD
cd "$work"
failed=0
check() { # check WHAT COMMAND...: runs it, shows its output, counts a failure
  local what=$1; shift
  echo "== $what"
  if ! "$@"; then echo "FAILED: $what"; failed=$((failed + 1)); fi
}
check "pkcs11-tool -L" p11 -L
check "pkcs11-tool -O" p11 -O
check "pkcs11-tool --login -O" p11 --login --pin "$PIN" -O
echo "a message signed by the virtual card" >msg.txt
openssl dgst -sha256 -binary msg.txt >msg.sha256
{ printf '\x30\x31\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00\x04\x20'; cat msg.sha256; } >msg.digestinfo
AUTH=E828BD080F8025000001FF001002
SIGN=E828BD080F8025000001FF001001
if [[ $generation == cps4 ]]; then
  # The ChipDoc driver makes the caller's output length the Le of PSO DECIPHER: pkcs11-tool's
  # buffer (over 256 bytes) fails the driver's own short-APDU check, so this asks the length
  # first (scripts/cryptolib-p11sign.c).
  gcc -Wall -O1 -I "$work/src/pkcs11/opensc/src/pkcs11" -o p11sign "$root/scripts/cryptolib-p11sign.c" -ldl
  check "authentication key, RSA-PKCS of a DigestInfo (C_Sign asked the length first)" \
    ./p11sign "$module" "$PIN" $AUTH msg.digestinfo sig-auth.bin
else
  check "authentication key, RSA-PKCS of a DigestInfo" \
    p11 --login --pin "$PIN" --sign -m RSA-PKCS --id $AUTH -i msg.digestinfo -o sig-auth.bin
fi
check "signature key, SHA256-RSA-PKCS (the card hashes)" \
  p11 --login --pin "$PIN" --sign -m SHA256-RSA-PKCS --id $SIGN -i msg.txt -o sig-sign.bin
check "signature key, RSA-PKCS of a DigestInfo (the host hashes)" \
  p11 --login --pin "$PIN" --sign -m RSA-PKCS --id $SIGN -i msg.digestinfo -o sig-sign-host.bin
if [[ $generation == cps4 ]]; then
  check "authentication key, RSA-PKCS-PSS of a SHA-256 hash" \
    p11 --login --pin "$PIN" --sign -m RSA-PKCS-PSS --hash-algorithm SHA256 --mgf MGF1-SHA256 \
    --salt-len 32 --id $AUTH -i msg.sha256 -o sig-auth-pss.bin
fi
p11 --read-object --type cert --id $AUTH -o auth.der >/dev/null
p11 --read-object --type cert --id $SIGN -o sign.der >/dev/null
openssl x509 -inform DER -in auth.der -pubkey -noout >auth.pub
openssl x509 -inform DER -in sign.der -pubkey -noout >sign.pub
check "openssl verifies the authentication signature" \
  openssl dgst -sha256 -verify auth.pub -signature sig-auth.bin msg.txt
check "openssl verifies the signature (card hash)" \
  openssl dgst -sha256 -verify sign.pub -signature sig-sign.bin msg.txt
check "openssl verifies the signature (host hash)" \
  openssl dgst -sha256 -verify sign.pub -signature sig-sign-host.bin msg.txt
if [[ $generation == cps4 ]]; then
  check "openssl verifies the authentication PSS signature (MGF1-SHA256, 32-byte salt)" \
    openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 \
    -verify auth.pub -signature sig-auth-pss.bin msg.txt
fi
check "CPS_INFO_PS (public) ends with the specialty" \
  bash -c "pkcs11-tool --module '$module' --read-object --type data --label CPS_INFO_PS -o info.bin && tail -c 4 info.bin | grep -qx SM26"
check "CPS_ACTIVITY_02_PS after the PIN names the group practice" \
  bash -c "pkcs11-tool --module '$module' --login --pin $PIN --read-object --type data --label CPS_ACTIVITY_02_PS -o act2.bin && grep -q 499700000017002 act2.bin"
check "CPS_ACTIVITY_01_PS is not readable without the PIN" \
  bash -c "! pkcs11-tool --module '$module' --read-object --type data --label CPS_ACTIVITY_01_PS -o act1.bin"
check "a wrong PIN is refused" bash -c "! pkcs11-tool --module '$module' --login --pin 9999 -O"
# The card's own log: one VERIFY with a PIN answered 63 C2 (3 tries, one spent), none 63 C1.
# A CPS4 is spoken to on logical channel 1 (CLA 01).
cla=00
[[ $generation == cps4 ]] && cla=01
check "the wrong PIN cost exactly one try" \
  bash -c "[[ \$(grep -c 'apdu $cla 20 00 01 lc=4 .*-> 63C2' '$work/card.log') == 1 ]] && ! grep -q '63C1' '$work/card.log'"
if ((failed)); then
  echo "-- the card's APDU log (its last 80 lines):"
  tail -n 80 "$work/card.log"
  echo "$failed check(s) failed" >&2
  exit 1
fi
echo "all Cryptolib checks passed"
