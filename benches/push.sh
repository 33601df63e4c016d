#!/usr/bin/env bash
# The push benchmark (a benchmark, not a test: it prints figures and checks the goals):
#
#   1. 1,000 CDA lab reports for 100 patients, `dmp push --batch DIR`, against the sandbox:
#      - direct mode (the virtual CPS3 card, 200 ms per RSA signature, the DMP answering at
#        once): goal, the batch takes at most 1.1 x (card signatures x 200 ms);
#      - indirect mode (structure certificate), the DMP answering each request after 200 ms
#        (`serve --delay-ms`), `--jobs 1` then `--jobs 4`: goal, jobs 4 >= 3 x jobs 1;
#   2. one 200 MB PDF pushed alone: goal, peak memory under 64 MiB.
#
# For each run: documents per second, card signatures (counted in the virtual card's log),
# client CPU per document and peak memory (/usr/bin/time -v).
#
# Usage: [BENCH_PARTS="direct indirect big"] bash benches/push.sh [--debug]. The figures the README quotes come from a release
# build (the default); --debug uses the debug build (CPU figures several times higher).
# Sizes: BENCH_DOCS (1000), BENCH_PATIENTS (100), BENCH_DELAY_MS (200), BENCH_RSA_MS (200),
# BENCH_BIG_MB (200).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh

profile=release
[[ ${1:-} == --debug ]] && profile=debug
docs=${BENCH_DOCS:-1000}
patients=${BENCH_PATIENTS:-100}
delay=${BENCH_DELAY_MS:-200}
rsa=${BENCH_RSA_MS:-200}
big_mb=${BENCH_BIG_MB:-200}
# Which parts to run (all by default).
parts=" ${BENCH_PARTS:-direct indirect big} "

need_packages pcscd libpcsclite-dev vsmartcard-vpcd pkg-config xmlsec1 sqlite3 time
step "building dmp and dmp-sandbox ($profile)"
if [[ $profile == release ]]; then
  cargo build --release --workspace --bins --locked
else
  cargo build --workspace --bins --locked
fi
bin=./target/$profile
start_pcscd

sc_mktemp work
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
$bin/dmp-sandbox pki >/dev/null
db="$XDG_DATA_HOME/dmp-sandbox/dmp/dmp.sqlite"

serve_pid=
# serve DELAY_MS: (re)starts the sandbox on the same data, answering after DELAY_MS.
serve() {
  if [[ -n $serve_pid ]]; then kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; fi
  rm -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml"
  $bin/dmp-sandbox serve --delay-ms "$1" >"$work/serve.log" 2>&1 &
  serve_pid=$!
  SC_CHILD_PIDS="$serve_pid $SC_CHILD_PIDS"
  for _ in $(seq 600); do
    [[ -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml" ]] && grep -q endpoint "$work/serve.log" && return 0
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "dmp-sandbox serve did not come up" >&2
  exit 1
}

step "seeding the sandbox with $patients more patients (copies of DENIS: a DMP, no authorization needed to feed it)"
serve 0
# INS of bench patient N: a test NIR body 1 85 01 75 12 + N on 3 digits, and its check key.
ins_of() {
  local body
  body=$(printf '1850175120%03d' "$1")
  printf '%s%02d' "$body" $((97 - 10#$body % 97))
}
{
  echo "BEGIN;"
  echo "CREATE TEMP TABLE model AS SELECT * FROM patients WHERE ins = '168113306300423';"
  for ((n = 0; n < patients; n++)); do
    echo "UPDATE model SET ins = '$(ins_of $n)', family = 'TESTBENCH$n';"
    echo "INSERT INTO patients SELECT * FROM model;"
  done
  echo "COMMIT;"
} | sqlite3 "$db"

# batch DIR ARC: DOCS CDA lab reports (the example's level-3 report), document i for patient
# i mod PATIENTS, with uniqueIds under 1.2.250.1.999.8.ARC (one arc per run: no duplicates).
batch() {
  local dir=$1 arc=$2 i
  mkdir -p "$dir"
  for ((i = 0; i < docs; i++)); do
    sed -e "s/1\.2\.250\.1\.999\.7\.1\.1/1.2.250.1.999.8.$arc.$i/" \
      -e "s/280057505600117/$(ins_of $((i % patients)))/" \
      examples/lab-batch/alice-nfs.xml >"$dir/$(printf '%05d' "$i").xml"
  done
}

results="$work/results.txt"
# measure NAME CARD_LOG COMMAND...: runs it under /usr/bin/time -v, prints one line of figures.
measure() {
  local name=$1 card_log=$2 rc=0 s e
  shift 2
  local before=0
  [[ -n $card_log ]] && before=$(signatures "$card_log")
  s=$(date +%s%N)
  /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.jsonl" 2>"$work/err.txt" || rc=$?
  e=$(date +%s%N)
  local wall_ms=$(((e - s) / 1000000))
  local user sys rss
  user=$(awk -F': ' '/User time/ {print $2}' "$work/time.txt")
  sys=$(awk -F': ' '/System time/ {print $2}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
  local sigs=-
  [[ -n $card_log ]] && sigs=$(($(signatures "$card_log") - before))
  local n=${DOCS_IN_RUN:-$docs}
  awk -v name="$name" -v rc="$rc" -v wall="$wall_ms" -v u="$user" -v s="$sys" -v rss="$rss" \
    -v n="$n" -v sigs="$sigs" 'BEGIN {
      printf "%-34s exit %-3s %7.1f s  %7.1f docs/s  %6.2f ms CPU/doc  peak %6.1f MiB  card signatures %s\n",
        name, rc, wall / 1000, n / (wall / 1000), (u + s) * 1000 / n, rss / 1024, sigs }' | tee -a "$results"
  echo "$wall_ms" >"$work/last_wall"
  if ((rc != 0)); then tail -n 5 "$work/err.txt" >&2; tail -n 2 "$work/out.jsonl" >&2; fi
}
# The virtual card's signatures so far: PSO COMPUTE DIGITAL SIGNATURE and INTERNAL
# AUTHENTICATE commands in its -v log.
signatures() { grep -cE 'apdu 0[0C] (2A 9E 9A|88 00 00) ' "$1" || true; }

direct_ms=0 direct_sigs=0 jobs1_ms=0 jobs4_ms=1 big_rss=0 big_rc=1
if [[ $parts == *" direct "* ]]; then
step "direct mode: the virtual card at $rsa ms per RSA signature, the DMP answering at once"
reader="Virtual PCD 00 00"
lock_vpcd_slot 35963
wait_for_card $bin/dmp "$reader" no
$bin/dmp-sandbox card --pki "$XDG_DATA_HOME/dmp-sandbox/pki" --port 35963 --rsa-latency-ms "$rsa" -v >"$work/card.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
wait_for_card $bin/dmp "$reader" yes
export BENCH_PIN=1234
batch "$work/direct" 3
measure "direct, --jobs 4" "$work/card.log" \
  $bin/dmp --profile sandbox --credential card --reader "$reader" --pin-env BENCH_PIN --output json \
  push --batch "$work/direct" --jobs 4
direct_ms=$(cat "$work/last_wall")
direct_sigs=$(awk '/^direct/ {print $NF}' "$results")
fi

if [[ $parts == *" indirect "* ]]; then
step "indirect mode: the DMP answering each request after $delay ms"
serve "$delay"
batch "$work/jobs1" 1
measure "indirect, delay $delay ms, --jobs 1" "" \
  $bin/dmp --profile sandbox --output json push --batch "$work/jobs1" --jobs 1
jobs1_ms=$(cat "$work/last_wall")
batch "$work/jobs4" 2
measure "indirect, delay $delay ms, --jobs 4" "" \
  $bin/dmp --profile sandbox --output json push --batch "$work/jobs4" --jobs 4
jobs4_ms=$(cat "$work/last_wall")
fi

if [[ $parts == *" big "* ]]; then
step "one ${big_mb} MB PDF, indirect mode"
serve 0
{
  printf '%%PDF-1.4\n%% dmp benchmark\n'
  head -c $((big_mb * 1024 * 1024)) /dev/urandom
  printf '\n%%%%EOF\n'
} >"$work/big.pdf"
DOCS_IN_RUN=1 measure "one ${big_mb} MB PDF" "" \
  $bin/dmp --profile sandbox --output json push "$work/big.pdf" --ins 280057505600117 --type 11502-2 --title "Bench PDF"
big_rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
big_rc=$(awk '/^one / {for (i = 1; i < NF; i++) if ($i == "exit") print $(i + 1)}' "$results")
fi

echo
echo "== Goals ($profile build) =="
[[ $parts == *" direct "* ]] && awk -v ms="$direct_ms" -v sigs="$direct_sigs" -v rsa="$rsa" 'BEGIN {
  bound = 1.1 * sigs * rsa
  printf "direct: %.1f s for %d card signatures: bound 1.1 x %d x %d ms = %.1f s: %s\n",
    ms / 1000, sigs, sigs, rsa, bound / 1000, (ms <= bound) ? "met" : "NOT met" }'
[[ $parts == *" indirect "* ]] && awk -v a="$jobs1_ms" -v b="$jobs4_ms" 'BEGIN {
  printf "--jobs 4 vs --jobs 1: %.2f x the throughput (goal >= 3): %s\n", a / b, (a / b >= 3) ? "met" : "NOT met" }'
[[ $parts == *" big "* ]] && awk -v r="$big_rss" -v mb="$big_mb" -v rc="$big_rc" 'BEGIN {
  printf "%d MB PDF: exit %s, peak %.1f MiB (goal: pushed, under 64 MiB): %s\n", mb, rc, r / 1024,
    (rc == 0 && r < 64 * 1024) ? "met" : "NOT met" }'
true
