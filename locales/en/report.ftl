# The access report as an HTML page (src/cli/report_html.rs); the texts are escaped.

report-cannot-write = cannot write { $path }: { $error }
report-cannot-write-hint = choose a file in a directory you can write
report-is-a-directory = it is a directory
report-counts = { $records } records: { $done } done, { $by_client } refused by dmp's rules, { $by_dmp } refused by the DMP, { $failed } failed, { $unknown } unknown; { $emergency } emergency, { $regulation } regulation
report-title = DMP access report
report-heading = Access report: the DMP accesses recorded by dmp
report-generated = Generated
report-generated-by = { $time } UTC by dmp { $version }
report-workstation = Workstation
report-journal = Journal
report-filters = Filters
report-chain = Chain
report-chain-broken = BROKEN: { $problem }. The journal was changed outside dmp; this report may not show what happened.
report-chain-intact = intact: every record up to entry { $entry } is as written; last hash { $hash }
report-chain-empty = empty journal
report-records = Records
# The flags are given as marked-up words.
report-flags-legend = Flags: { $emergency } emergency access (bris de glace), { $regulation } medical regulation (centre 15), { $refused } refused by dmp's rules before anything was sent or by the DMP, { $failed } failed, { $unknown } the request may have reached the DMP but its outcome was not recorded. Times are UTC.
report-per-day = Accesses per day
report-legend-done = done
report-legend-urgent = emergency or regulation (done)
report-legend-refused = refused
report-legend-other = failed or unknown
report-h-day = Day
report-h-chart = Chart
report-per-patient = Per patient
report-per-practitioner = Per practitioner
report-h-first = First
report-h-last = Last
report-h-time = Time
report-h-credential = Credential
report-h-transaction = Transaction
report-credential-card = card { $serial }
report-credential-structure = structure certificate { $certificate }
report-user-on-host = { $user } on { $host }
report-foot = Each record is written to the local audit journal before its request leaves and completed after; `dmp audit verify` checks that none was edited, deleted or reordered. The DMP keeps its own traces of these accesses, which the patient sees in Mon espace santé.
