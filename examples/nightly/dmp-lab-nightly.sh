#!/usr/bin/env bash
# The laboratory's night job: push the day's results to the DMP in indirect mode (the
# structure certificate, no card, no prompt), and tell the operator what did not go through.
#
# Reads, from the environment (systemd: EnvironmentFile=, cron: the line or a sourced file):
#   DMP_PROFILE       the dmp profile naming the endpoint and the structure certificate
#                     (structure_cert, structure_cert_password_file); default "production"
#   DMP_OUTBOX        the folder where the laboratory system drops each night's batch
#                     as <outbox>/<YYYY-MM-DD>/manifest.csv with its files
#   DMP_JOBS          concurrent submissions (default 4)
#   DMP_P12_PASSWORD_FILE  optional: the PKCS#12 password file, instead of the profile's
#   DMP_REPORT_DIR    where the JSON Lines events of each run are kept (default /var/log/dmp-lab)
# The password is never on the command line: a file (mode 0600, owned by the service user),
# or the variable named by --structure-cert-password-env when the service manager injects it.
#
# Exit code (for cron's mail or systemd's OnFailure=): 0 every document is in the DMP; 12 some
# are not (the summary says which and why; re-running the same batch retries only those);
# anything else: nothing went through (3 configuration, 7 network, 9 refused, 10 bad input…,
# see `dmp --help`).
set -uo pipefail

profile=${DMP_PROFILE:-production}
outbox=${DMP_OUTBOX:?set DMP_OUTBOX to the folder of the nightly batches}
jobs=${DMP_JOBS:-4}
reports=${DMP_REPORT_DIR:-/var/log/dmp-lab}
day=${1:-$(date +%F)}
manifest="$outbox/$day/manifest.csv"

password=()
if [[ -n ${DMP_P12_PASSWORD_FILE:-} ]]; then
  password=(--structure-cert-password-file "$DMP_P12_PASSWORD_FILE")
elif [[ -n ${DMP_P12_PASSWORD:-} ]]; then
  # The name of the variable goes on the command line, never its value.
  password=(--structure-cert-password-env DMP_P12_PASSWORD)
fi

if [[ ! -f $manifest ]]; then
  echo "dmp-lab-nightly: no batch for $day ($manifest): nothing to do"
  exit 0
fi
mkdir -p "$reports"
events="$reports/$day.jsonl"

# The batch state (in $XDG_STATE_HOME/dmp/batches/) makes this safe to run again after a
# crash, a reboot or a network outage: documents already in the DMP are not sent twice.
rc=0
dmp --profile "$profile" --credential structure "${password[@]}" -q --output json \
  push --batch "$manifest" --jobs "$jobs" >>"$events" || rc=$?

# The last line is the summary (`"event":"finished"`).
summary=$(tail -n 1 "$events")
case $rc in
  0) echo "dmp-lab-nightly: $day: every document is in the DMP: $summary" ;;
  12) echo "dmp-lab-nightly: $day: some documents did not go through (see $events): $summary" >&2 ;;
  *) echo "dmp-lab-nightly: $day: nothing went through (exit code $rc, see $events and dmp --help)" >&2 ;;
esac
exit "$rc"
