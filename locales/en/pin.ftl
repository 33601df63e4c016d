# The PIN: its sources, its prompts, its errors (src/cli/pin.rs).

pin-no-terminal = a PIN is needed and there is no terminal to ask for it
pin-no-terminal-hint = give it with --pin-file FILE, --pin-stdin or --pin-env VAR
pin-stdin-error = cannot read the PIN from standard input: { $error }
pin-env-unset = the environment variable { $var } (--pin-env) is not set
pin-env-unset-hint = export it before running dmp, or choose another PIN source
pin-prompt = PIN of the CPS card ({ $tries } { $tries ->
        [one] try
       *[other] tries
    } left)
pin-read-error = cannot read the PIN
pin-empty = the PIN is empty; nothing was sent to the card
pin-empty-hint = the PIN is the 4-digit code of the CPS card
pin-pad-prompt = Type the PIN of the CPS card on the reader's PIN pad, then press its OK key ({ $tries } { $tries ->
        [one] try
       *[other] tries
    } left; { $seconds } s).
pin-pad-ignores = The PIN of { $flag } is not used on a PIN-pad reader (add --no-pinpad to use it).
pin-last-try-refused = only one PIN try is left: a wrong PIN would block the card, so dmp will not try it unattended
pin-last-try-refused-hint = run the command at a terminal and confirm, or unblock/renew the card
pin-last-try-confirm = Only ONE PIN try is left: a wrong PIN blocks the card. Enter the PIN?
pin-confirm-error = cannot ask for confirmation
pin-interrupted = interrupted (Ctrl-C)
# A prompt's error followed by its cause.
pin-cause = { $message }: { $cause }
pin-file-error = cannot read the PIN file { $path }: { $error }
pin-file-error-hint = check the --pin-file path and its permissions
pin-file-readable = the PIN file { $path } can be read by other users: chmod 600 it
# What stands for the typed PIN once the prompt is answered.
pin-hidden = [hidden]
pin-answer-yes = yes
pin-answer-no = no
