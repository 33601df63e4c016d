#!/usr/bin/env bash
# The CPU one short `dmp` run costs: `dmp patient status` in indirect mode against the local
# sandbox, RUNS times (default 20), release build. With --compare, also a build with aws-lc's
# CPU-jitter entropy collection switched back on (AWS_LC_SYS_NO_JITTER_ENTROPY=0, in
# target/bench-jitter), to show what .cargo/config.toml saves.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/smartcard-env.sh
compare=no
[[ ${1:-} == --compare ]] && { compare=yes; shift; }
runs=${1:-20}

step "building dmp and dmp-sandbox (release; the first build takes several minutes)"
cargo build --release --workspace --bins --locked
bins=(./target/release/dmp)
if [[ $compare == yes ]]; then
  step "building dmp with aws-lc's jitter entropy (target/bench-jitter)"
  AWS_LC_SYS_NO_JITTER_ENTROPY=0 cargo build --release --bin dmp --locked --target-dir target/bench-jitter
  bins+=(./target/bench-jitter/release/dmp)
fi

sc_mktemp work
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state"
./target/release/dmp-sandbox pki >/dev/null
./target/release/dmp-sandbox serve --listen 127.0.0.1:0 >"$work/serve.log" 2>&1 &
SC_CHILD_PIDS="$! $SC_CHILD_PIDS"
for _ in $(seq 600); do
  [[ -f "$XDG_CONFIG_HOME/dmp/profiles.d/sandbox.toml" ]] && grep -q endpoint "$work/serve.log" && break
  sleep 0.1
done

# CPU (user + system) of the children, in ms, from bash's `times` (run in this shell, not in a
# command substitution's subshell, whose children are not ours).
children_cpu_ms() {
  times >"$work/times"
  tail -n 1 "$work/times" | awk '{ for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } } END { printf "%.0f", t * 1000 }'
}
for bin in "${bins[@]}"; do
  "$bin" --profile sandbox patient status --ins 280057505600117 >/dev/null # warm the caches
  children_cpu_ms >"$work/before"
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do
    "$bin" --profile sandbox patient status --ins 280057505600117 >/dev/null
  done
  end=$(date +%s%N)
  children_cpu_ms >"$work/after"
  before=$(<"$work/before") after=$(<"$work/after")
  printf '%s: %s ms of CPU and %s ms of wall time per `dmp patient status` (%s runs)\n' \
    "$bin" $(((after - before) / runs)) $(((end - start) / runs / 1000000)) "$runs"
done
