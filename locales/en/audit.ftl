# The audit journal's commands: dmp audit, dmp audit forward.

audit-no-data-dir = cannot find a data directory for the audit journal
audit-no-data-dir-hint = set XDG_DATA_HOME (or HOME)
audit-bad-time = { $flag } "{ $value }" is neither a date nor a time
audit-bad-time-hint = write a day as YYYY-MM-DD (UTC), or a time as 2025-06-30T14:00:00Z
audit-filter-patient = patient { $patient }
audit-filter-practitioner = practitioner { $practitioner }
audit-filter-or = {" "}or{" "}
audit-filter-mode = mode { $modes }
audit-filter-transaction = transaction { $transactions }
audit-filter-result = result { $results }
audit-filter-since = from { $time }
audit-filter-until = before { $time }
audit-filter-none = none
audit-unreadable-time = record { $number } of the audit journal has an unreadable time "{ $time }"
audit-not-forwarded = the audit journal was not forwarded to the audit repository: { $error }; its records stay queued for the next run or `dmp audit forward`
audit-no-repository = no audit repository is configured
audit-no-repository-hint = set audit_repository = "host:port", audit_repository_ca, audit_repository_cert and audit_repository_key in the profile (see the README, "Audit repository")
audit-chain-problem = { $kind ->
    [edited] edited
    [deleted] deleted
   *[reordered] reordered
} at entry { $entry }: { $detail }
