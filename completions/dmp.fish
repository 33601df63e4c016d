# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dmp_global_optspecs
    string join \n output= v/verbose q/quiet profile= config= reader= pin-file= pin-stdin pin-env= ca-file= endpoint= credential= structure-cert= structure-cert-password-file= structure-cert-password-env= mode= reason= h/help V/version
end

function __fish_dmp_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_dmp_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_dmp_using_subcommand
    set -l cmd (__fish_dmp_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c dmp -n "__fish_dmp_needs_command" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_needs_command" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_needs_command" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_needs_command" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_needs_command" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_needs_command" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_needs_command" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_needs_command" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_needs_command" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_needs_command" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_needs_command" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_needs_command" -s V -l version -d 'Print version'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "readers" -d 'List the card readers, whether a card is present, its ATR and its generation'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "card" -d 'Read the CPS card: holder, certificates, PIN'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "doctor" -d 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "patient" -d 'One patient\'s DMP: status, authorization, professionals'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "patients" -d 'The patients whose DMP you are authorized on'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "docs" -d 'A patient\'s documents: list and open them'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "audit" -d 'The local audit journal: check that no record was edited, deleted or reordered'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "report" -d 'Reports: the accesses recorded in the local audit journal'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l wait -d 'Wait until a card is inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l wait -d 'Wait for a card to be inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l no-cache -d 'Read the certificates from the card even if they are cached'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l wait -d 'Wait for a card to be inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -f -a "status" -d 'Does the patient have a DMP, and may you access it (TD0.2)?'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -f -a "authorize" -d 'Declare yourself authorized on the patient\'s DMP once they consent, or remove it (TD0.3)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -f -a "professionals" -d 'The professionals authorized on, or blocked from, the patient\'s DMP (TD1.6)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and not __fish_seen_subcommand_from status authorize professionals help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l ins -d 'The patient\'s INS (15 characters: NIR + check key), optionally `INS@OID`' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l ins -d 'The patient\'s INS (15 characters: NIR + check key), optionally `INS@OID`' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l remove -d 'Remove your authorization instead of adding it'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l attending -d 'Declare yourself the patient\'s attending physician (médecin traitant DMP)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l patient-consent -d 'The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from authorize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l ins -d 'The patient\'s INS (15 characters: NIR + check key), optionally `INS@OID`' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from professionals" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from help" -f -a "status" -d 'Does the patient have a DMP, and may you access it (TD0.2)?'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from help" -f -a "authorize" -d 'Declare yourself authorized on the patient\'s DMP once they consent, or remove it (TD0.3)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from help" -f -a "professionals" -d 'The professionals authorized on, or blocked from, the patient\'s DMP (TD1.6)'
complete -c dmp -n "__fish_dmp_using_subcommand patient; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -f -a "authorized" -d 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and not __fish_seen_subcommand_from authorized help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l since -d 'Since this date (YYYY-MM-DD; default: one year ago)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from authorized" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from help" -f -a "authorized" -d 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
complete -c dmp -n "__fish_dmp_using_subcommand patients; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -f -a "list" -d 'List the patient\'s documents with type, date, author and visibility (TD3.1)'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -f -a "get" -d 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and not __fish_seen_subcommand_from list get help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l ins -d 'The patient\'s INS (15 characters: NIR + check key), optionally `INS@OID`' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l status -d 'Availability status (repeatable; default: approved)' -r -f -a "approved\t''
archived\t''
deprecated\t''"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l type -d 'Document type code (LOINC, repeatable), e.g. 11488-4' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l class -d 'Document class code (repeatable), e.g. 10' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l from -d 'Care (service) date from (YYYY-MM-DD)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l to -d 'Care (service) date to (YYYY-MM-DD)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l author -d 'Author\'s national id' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l new-since-last-visit -d 'Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l ins -d 'The patient\'s INS (15 characters: NIR + check key), optionally `INS@OID`' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -s o -l output-file -d 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l force -d 'Replace FILE if it exists'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the patient\'s documents with type, date, author and visibility (TD3.1)'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "get" -d 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
complete -c dmp -n "__fish_dmp_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Walk the audit journal\'s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l journal -d 'An audit journal file to check (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Walk the audit journal\'s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
complete -c dmp -n "__fish_dmp_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -f -a "access" -d 'Who accessed which patient\'s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
complete -c dmp -n "__fish_dmp_using_subcommand report; and not __fish_seen_subcommand_from access help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l ins -d 'Only this patient (INS, 15 characters)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l practitioner -d 'Only this practitioner (national id) or structure (structure id)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l access-mode -d 'Only this access mode (repeatable)' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l transaction -d 'Only this transaction, by its catalogue code (repeatable), e.g. TD3.2' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l result -d 'Only this result (repeatable)' -r -f -a "done\t'The DMP answered'
refused\t'Refused, by dmp\'s rules or by the DMP'
refused-by-client\t'Refused by dmp\'s rules before anything was sent'
refused-by-dmp\t'Refused by the DMP\'s access rules'
failed\t'Failed (network, an error answer, a wrong PIN…)'
unknown\t'The request may have reached the DMP, but dmp stopped before its answer'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l since -d 'From this day (YYYY-MM-DD, UTC) or time (RFC 3339) on' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l until -d 'Up to this day included (YYYY-MM-DD, UTC), or before this time (RFC 3339)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l summary -d 'Instead of the records, one row per patient or per practitioner' -r -f -a "patient\t'One row per patient, with the practitioners who accessed their DMP'
practitioner\t'One row per practitioner, with the patients whose DMP they accessed'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l html -d 'Write the whole report (summaries, chart, records, the journal\'s chain) as one HTML page to FILE (mode 0600: it names patients), for a data-protection officer to open and print' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l journal -d 'An audit journal file to read (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'
csv\t'CSV for a spreadsheet: a header line, then one line per row (reports only)'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l endpoint -d 'Base URL of the DMP services, instead of the profile\'s (e.g. https://host/si-dmp-server/v2/services)' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l credential -d 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)' -r -f -a "card\t''
structure\t''"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l structure-cert -d 'PKCS#12 file of the structure certificate (indirect mode)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l structure-cert-password-file -d 'File holding the structure certificate\'s password (first line)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l structure-cert-password-env -d 'Environment variable holding the structure certificate\'s password' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l mode -d 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient\'s block and oppositions apply in every mode' -r -f -a "normal\t''
emergency\t'Emergency access ("bris de glace")'
regulation\t'Medical regulation ("centre 15")'"
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l reason -d 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it' -r
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l chart -d 'Instead of the records, the accesses per day as bars'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -s v -l verbose -d 'More detail on stderr (-v: dmp\'s steps, -vv: also TLS and HTTP). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from access" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "access" -d 'Who accessed which patient\'s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
complete -c dmp -n "__fish_dmp_using_subcommand report; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "readers" -d 'List the card readers, whether a card is present, its ATR and its generation'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "card" -d 'Read the CPS card: holder, certificates, PIN'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "doctor" -d 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "patient" -d 'One patient\'s DMP: status, authorization, professionals'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "patients" -d 'The patients whose DMP you are authorized on'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "docs" -d 'A patient\'s documents: list and open them'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "audit" -d 'The local audit journal: check that no record was edited, deleted or reordered'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "report" -d 'Reports: the accesses recorded in the local audit journal'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor patient patients docs audit report help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from patient" -f -a "status" -d 'Does the patient have a DMP, and may you access it (TD0.2)?'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from patient" -f -a "authorize" -d 'Declare yourself authorized on the patient\'s DMP once they consent, or remove it (TD0.3)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from patient" -f -a "professionals" -d 'The professionals authorized on, or blocked from, the patient\'s DMP (TD1.6)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from patients" -f -a "authorized" -d 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "list" -d 'List the patient\'s documents with type, date, author and visibility (TD3.1)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "get" -d 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Walk the audit journal\'s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from report" -f -a "access" -d 'Who accessed which patient\'s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
