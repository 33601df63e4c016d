# The CPS card over PC/SC: readers, the card, its PIN, its files and keys.

## Readers and the smart-card service

card-service-hint-macos = the macOS smart-card service starts on demand: unplug and plug the reader back in, and check it in System Information > USB
card-service-hint-windows = start the Windows "Smart Card" service (services.msc, service SCardSvr) and plug the reader in
card-service-hint-linux = install it (Debian/Ubuntu: sudo apt install pcscd) and start it (sudo systemctl start pcscd.socket, or pcscd --foreground)
card-service-not-running = the smart-card service pcscd is not running
card-no-reader = no smart-card reader found
card-no-reader-hint = plug in a PC/SC card reader (check that the system sees it with `pcsc_scan`), then retry
card-reader-unavailable = the card reader is no longer available (unplugged?)
card-reader-unavailable-hint = plug the reader back in and retry; `dmp readers` lists the readers
card-absent = no card in the reader
card-absent-in-reader = no card in the reader "{ $reader }"
card-insert-or-wait-hint = insert the CPS card (chip first), or use --wait to wait for it
card-wait-timeout = no card was inserted in time
card-wait-timeout-hint = insert the CPS card (chip first) and run the command again, or give --wait a longer time
card-removed-during-command = the card was removed during the command; nothing was signed or sent
card-reinsert-hint = reinsert the card and retry
card-removed = the card was removed
card-reinsert-or-wait-hint = reinsert the card and retry (or use --wait)
card-reset-by-other = the card was reset by another program during the command; nothing was signed or sent, and the PIN must be entered again
card-reset-by-other-hint = retry; if it happens again, close the other programs that use the card (browser, CPS tools)
card-sharing-violation = another program is holding the card
card-sharing-violation-hint = close the program that uses the card (a browser, the CPS card manager, another dmp) and retry
card-unresponsive = the card does not answer (inserted the wrong way, dirty, or damaged)
card-unresponsive-hint = remove the card, insert it chip first, and retry; try another reader if it persists
card-unsupported = the reader cannot talk to this card
card-unsupported-hint = check the card is a CPS practitioner card inserted chip first; try another reader
card-protocol-mismatch = the card and the reader could not agree on a protocol
card-protocol-mismatch-hint = remove the card, insert it again and retry; try another reader if it persists
card-cancelled = the card operation was cancelled
card-communication-failed = the communication with the card failed
card-communication-failed-hint = remove the card, insert it again and retry; if it persists, restart pcscd (sudo systemctl restart pcscd) and run `dmp doctor`
card-service-error = the smart-card service reported an error: { $error }
card-service-error-hint = retry; if it persists, restart pcscd (sudo systemctl restart pcscd) and run `dmp doctor`
card-no-reader-named = no reader named "{ $name }"
card-no-reader-named-hint = the readers are: { $readers }; give one of these names (or part of it)
card-reader-ambiguous = "{ $name }" matches several readers: { $readers }
card-reader-ambiguous-hint = give more of the reader's name, or its full name
card-reader-name-nul = a reader name contains a NUL byte
