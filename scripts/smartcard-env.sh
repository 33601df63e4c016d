# Sourced by scripts/test.sh and scripts/demo.sh: installs the Debian packages the card tests
# need and starts pcscd in the foreground with the vsmartcard vpcd virtual reader (two slots:
# 127.0.0.1:35963 -> "Virtual PCD 00 00", 127.0.0.1:35964 -> "Virtual PCD 00 01").
# Stops what it started and removes its temporary directories on exit, failure or interrupt
# (SC_LOGDIR, where a pcscd started here logs, is kept when the caller chose it). Works
# without systemd.

need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing the Debian packages: ${missing[*]}" >&2
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# What the scripts say they are doing (on stderr, so it never mixes with a command's output).
step() { printf '\n==> %s\n' "$*" >&2; }

SC_CHILD_PIDS=""
SC_TEMP_DIRS=""
sc_cleanup() {
  local p
  for p in $SC_CHILD_PIDS; do kill "$p" 2>/dev/null || true; done
  for p in $SC_CHILD_PIDS; do wait "$p" 2>/dev/null || true; done
  # After the children: they may still be writing there.
  for p in $SC_TEMP_DIRS; do rm -rf -- "$p"; done
}
trap sc_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# sc_mktemp VAR: a new temporary directory, in VAR, removed on exit.
sc_mktemp() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/dmp.XXXXXXXX")
  SC_TEMP_DIRS="$d $SC_TEMP_DIRS"
  printf -v "$1" '%s' "$d"
}

# lock_vpcd_slot PORT: holds the vpcd slot until exit, as the tests do (the same lock file),
# so that a card plugged in here never meets the card of a test running beside us.
lock_vpcd_slot() {
  local fd
  exec {fd}>>"${TMPDIR:-/tmp}/dmp-tests-vpcd-$1.lock"
  if ! flock -n "$fd"; then
    echo "waiting for vpcd slot $1 (a card test or another demo is using it)" >&2
    flock "$fd"
  fi
}

# wait_for_card DMP READER yes|no: waits (30 s at most) until pcscd shows a card in READER, or
# none. Before plugging a card in, wait for "no": pcscd notices a card pulled out by the last
# user of the slot only on its next poll, and a command would meet that card's ghost.
wait_for_card() {
  local dmp=$1 reader=$2 want=$3 now _
  for _ in $(seq 300); do
    now=$("$dmp" readers --output json | awk -v want="\"$reader\"" '
      /"name":/ { name = $0; sub(/^[^:]*: */, "", name); sub(/,$/, "", name) }
      /"card_present":/ && name == want { print ($2 ~ /true/) ? "yes" : "no"; exit }')
    [[ $now == "$want" ]] && return 0
    sleep 0.1
  done
  echo "pcscd still shows card present=${now:-?} in \"$reader\" after 30 s (expected $want)" >&2
  return 1
}

# pcscd's pid file ends with a NUL byte.
pcscd_pid() { tr -cd '0-9' </run/pcscd/pcscd.pid 2>/dev/null || true; }

start_pcscd() {
  # A pcscd killed by SIGKILL leaves its socket behind; drop it so the readiness check holds.
  if [[ -f /run/pcscd/pcscd.pid ]] && ! kill -0 "$(pcscd_pid)" 2>/dev/null; then
    rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid
  fi
  if [[ -S /run/pcscd/pcscd.comm ]]; then
    echo "using the pcscd already running (pid $(pcscd_pid))" >&2
    return 0
  fi
  # A SC_LOGDIR given by the caller is theirs to keep; ours goes away on exit.
  local keep_log="(set SC_LOGDIR=DIR to keep it)"
  if [[ -n "${SC_LOGDIR:-}" ]]; then mkdir -p "$SC_LOGDIR"; keep_log=""; else sc_mktemp SC_LOGDIR; fi
  export SC_LOGDIR
  # Never --auto-exit: pcscd would quit after 60 s idle in the middle of the tests.
  pcscd --foreground --error >"$SC_LOGDIR/pcscd.log" 2>&1 &
  local pid=$!
  SC_CHILD_PIDS="$pid $SC_CHILD_PIDS"
  # pcscd opens the vpcd ports before it binds its socket: the socket means ready.
  local _
  for _ in $(seq 600); do
    [[ -S /run/pcscd/pcscd.comm ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$SC_LOGDIR/pcscd.log" >&2; echo "pcscd exited" >&2; return 1; }
    sleep 0.05
  done
  [[ -S /run/pcscd/pcscd.comm ]] || { echo "pcscd did not come up" >&2; return 1; }
  echo "pcscd started (pid $pid, log $SC_LOGDIR/pcscd.log $keep_log)" >&2
}
