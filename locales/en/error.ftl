# The kinds of error (the exit-code table of `dmp --help` and the man page), and failed writes
# of dmp's own output.

error-kind-internal = internal error (a bug: please report it)
error-kind-usage = bad command-line usage
error-kind-config = configuration or profile problem
error-kind-reader = smart-card service (pcscd) or reader problem
error-kind-card = card absent, removed, unknown, busy or in error
error-kind-pin = PIN wrong, blocked, refused or unavailable
error-kind-network = network or TLS failure
error-kind-server = the DMP answered an error
error-kind-denied = refused by the DMP access rules
error-kind-input = malformed input (file, identifier, value)
error-kind-check-failed = a check failed: dmp doctor (at least one check) or dmp audit verify (the audit journal's chain is broken)
error-kind-partial = the answer is partial: some results are missing (printed anyway); for push --batch, some documents went through and others did not
error-kind-interrupted = interrupted (Ctrl-C)
error-kind-broken-pipe = the output was closed early (`dmp … | head`); nothing is printed
error-kind-terminated = terminated (SIGTERM)

error-cannot-write-closed = cannot write { $what }: the reader closed it
error-cannot-write = cannot write { $what }: { $reason }
error-the-output = the output
error-the-document = the document
