# The local audit journal, its forwarding to the audit repository, and the last-visit markers.

journal-no-data-dir = cannot find a data directory for the audit journal
journal-no-data-dir-hint = set XDG_DATA_HOME (or HOME): every DMP request is journaled before it is sent
journal-not-found = no audit journal at { $path }
journal-not-found-hint = name an existing audit.sqlite3 file
journal-busy = the audit journal { $path } stayed locked by another dmp process for { $seconds } s; nothing was sent
journal-cannot-write = cannot write the audit journal { $path }: { $error }; nothing was sent
journal-cannot-open = cannot open the audit journal { $path }: { $error }; nothing was sent
journal-nothing-sent-hint = every DMP request is journaled before it is sent: check the disk space and the permissions of that file and its directory ($XDG_DATA_HOME/dmp)
journal-cannot-read = cannot read the audit journal { $path }: { $error }
journal-cannot-read-hint = check that the file is an audit journal written by dmp, and its permissions

journal-out-of-order = the journal gave records out of order ({ $first } then { $second })
journal-forward-stopped = { $error }; { $sent } record(s) sent to the audit repository before this, the records from { $first } on stay queued
journal-cannot-lock = cannot lock { $path } to forward the audit journal: { $error }
journal-cannot-lock-hint = check the permissions of the journal's directory

journal-visits-no-dir = cannot find a state directory for the last-visit markers
journal-visits-no-dir-hint = set XDG_STATE_HOME (or HOME)
journal-visits-damaged = the last-visit file { $path } is damaged: { $error }
journal-visits-damaged-hint = delete it: the next `dmp docs list --new-since-last-visit` then shows every document as new
journal-visits-version = the last-visit file { $path } has version { $version }, this dmp reads version { $expected }
journal-visits-version-hint = use the dmp that wrote it, or delete the file
journal-visits-encode = cannot encode the last visits: { $error }
journal-visits-io = cannot { $action ->
    [read] read
    [write] write
    [lock] lock
   *[directory] create the directory of
} the last-visit file { $path }: { $error }
journal-visits-io-hint = check the disk and the permissions of that directory

journal-old-unreadable = cannot read the previous audit journal { $path }: { $error }
journal-old-unreadable-hint = it is imported into the new journal on first use: check its permissions
journal-old-damaged-line = line { $line } of the previous audit journal { $path } is damaged ({ $error }): it cannot be imported
journal-old-damaged-line-hint = repair or remove that line (keep a copy), then run dmp again: the journal is imported whole or not at all, and nothing is sent before
journal-old-not-renamed = imported { $path } into the audit journal, but cannot rename it: { $error }
journal-old-not-renamed-hint = rename it yourself to audit.jsonl.migrated (it is imported already)

journal-repository-bad-host = audit_repository = "{ $address }": "{ $host }" is not a host name or an IP address
journal-repository-bad-host-hint = write it as host:port, e.g. audit.cabinet.example:6514
journal-repository-bad-anchor = audit_repository_ca: a certificate of { $path } cannot be a trust anchor: { $error }
journal-repository-bad-key = audit_repository_key: cannot read a private key from { $path }: { $error }
journal-repository-bad-key-hint = give the PEM file of the key of audit_repository_cert (PKCS#8, PKCS#1 or SEC1)
journal-repository-tls-config = TLS configuration: { $error }
journal-repository-key-mismatch = audit_repository_cert and audit_repository_key cannot be used together: { $error }
journal-repository-key-mismatch-hint = the key must be the one of the certificate's public key
journal-repository-tls-client = TLS client: { $error }
journal-repository-handshake-failed = the TLS handshake failed
journal-repository-send-failed = sending record { $record } failed
journal-repository-close-failed = closing the connection failed
journal-repository-unconfirmed = the repository did not confirm the messages (no orderly close)
journal-repository-cannot-resolve = cannot resolve { $host }: { $error }
journal-repository-socket-options = socket options: { $error }
journal-repository-unreachable = cannot reach the audit repository { $address }: { $error }
journal-repository-no-address = { $host } has no address
journal-repository-unreachable-hint = check that the audit repository (syslog over TLS) listens on { $address }; the records stay queued in the journal and are sent next time
journal-repository-tls-hint = check audit_repository_ca (the CA of the repository's certificate, which must name the host of audit_repository) and audit_repository_cert (our certificate, which the repository must trust); the records stay queued
journal-repository-timeout-hint = the repository did not answer within { $seconds } s; the records not confirmed stay queued and are sent again next time
journal-repository-closed-hint = the repository closed the connection: it may refuse our client certificate (does it trust the CA of audit_repository_cert?) or have stopped; the records not confirmed stay queued and are sent again next time
journal-repository-error = audit repository { $address }: { $what }: { $error }
journal-repository-bad-address = audit_repository = "{ $address }" is not host:port
journal-repository-bad-address-hint = write it as host:port, e.g. audit.cabinet.example:6514 (6514 is syslog over TLS)
journal-repository-bad-certs = { $key }: cannot read certificates from { $path }: { $error }
journal-repository-no-certs = { $key }: { $path } holds no certificate
journal-repository-pem-hint = give a PEM file (-----BEGIN CERTIFICATE-----)

# dmp audit verify: where the chain of the journal is broken.
journal-verify-head-deleted = the journal's head (the record of its last entry) was deleted
journal-verify-all-missing = every entry is missing: the journal had { $count } entries
journal-verify-end-deleted = the journal ends at entry { $end }, but its last written entry was { $last } ({ $written } entries written, { $left } left): entries were deleted at the end
journal-verify-added = entries after { $last }, the last one dmp wrote, were added outside dmp
journal-verify-edited = entry { $entry }'s content no longer matches the hash it was written with
journal-verify-first-moved = entry { $entry } was written first, but now comes after entry { $previous }
journal-verify-moved = entry { $entry } was written right after the entry now numbered { $other }, but now comes after entry { $previous }
journal-verify-moved-first = entry { $entry } was written right after the entry now numbered { $other }, but now comes after nothing
journal-verify-start-missing = the entries before entry { $entry }, the first one left, are missing
journal-verify-one-missing = entry { $missing } is missing, between entry { $previous } ({ $time }) and entry { $entry }
journal-verify-some-missing = entries { $from } to { $to } are missing, between entry { $previous } ({ $time }) and entry { $entry }
journal-verify-rewritten = entry { $previous } is not the one entry { $entry } was chained to: it was rewritten with a recomputed hash (or entries were deleted after it and the numbers closed up)

# Why a journal file cannot be used (after "cannot read the audit journal …: ").
journal-store-not-wal = SQLite could not switch the journal to WAL mode (it is { $mode })
journal-store-newer = it was written by a newer dmp (journal format { $version }, this dmp knows { $known })
journal-store-not-journal = it is not an audit journal
journal-store-other-sqlite = it is an SQLite file of something else than dmp's audit journal
journal-store-unknown-result = record { $record } has the unknown result "{ $result }"
journal-store-damaged-documents = record { $record } has a damaged document list: { $error }
