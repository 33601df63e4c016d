# Sourced by scripts/test.sh and scripts/demo.sh: installs the Debian packages the card tests
# need and starts pcscd in the foreground with the vsmartcard vpcd virtual reader (two slots:
# 127.0.0.1:35963 -> "Virtual PCD 00 00", 127.0.0.1:35964 -> "Virtual PCD 00 01").
# Stops what it started on exit. Works without systemd.

need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "installing: ${missing[*]}" >&2
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

SC_CHILD_PIDS=""
sc_cleanup() {
  local p
  for p in $SC_CHILD_PIDS; do kill "$p" 2>/dev/null || true; done
  for p in $SC_CHILD_PIDS; do wait "$p" 2>/dev/null || true; done
}
trap sc_cleanup EXIT

start_pcscd() {
  SC_LOGDIR=${SC_LOGDIR:-$(mktemp -d)}
  export SC_LOGDIR
  # A pcscd killed by SIGKILL leaves its socket behind; drop it so the readiness check holds.
  if [[ -f /run/pcscd/pcscd.pid ]] && ! kill -0 "$(cat /run/pcscd/pcscd.pid)" 2>/dev/null; then
    rm -f /run/pcscd/pcscd.comm /run/pcscd/pcscd.pid
  fi
  if [[ -S /run/pcscd/pcscd.comm ]]; then
    echo "using the pcscd already running (pid $(cat /run/pcscd/pcscd.pid 2>/dev/null || echo '?'))" >&2
    return 0
  fi
  # Never --auto-exit: pcscd would quit after 60 s idle in the middle of the tests.
  pcscd --foreground --error >"$SC_LOGDIR/pcscd.log" 2>&1 &
  local pid=$!
  SC_CHILD_PIDS="$pid $SC_CHILD_PIDS"
  # pcscd opens the vpcd ports before it binds its socket: the socket means ready.
  local _
  for _ in $(seq 200); do
    [[ -S /run/pcscd/pcscd.comm ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$SC_LOGDIR/pcscd.log" >&2; echo "pcscd exited" >&2; return 1; }
    sleep 0.05
  done
  [[ -S /run/pcscd/pcscd.comm ]] || { echo "pcscd did not come up" >&2; return 1; }
  echo "pcscd started (pid $pid, log $SC_LOGDIR/pcscd.log)" >&2
}
