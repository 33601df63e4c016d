# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_dmp_global_optspecs
    string join \n output= v/verbose q/quiet profile= config= reader= pin-file= pin-stdin pin-env= ca-file= h/help V/version
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
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_needs_command" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_needs_command" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_needs_command" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_needs_command" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_needs_command" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_needs_command" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_needs_command" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_needs_command" -s V -l version -d 'Print version'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "readers" -d 'List the card readers, whether a card is present, its ATR and its generation'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "card" -d 'Read the CPS card: holder, certificates, PIN'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "doctor" -d 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails'
complete -c dmp -n "__fish_dmp_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l wait -d 'Wait until a card is inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand readers" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
complete -c dmp -n "__fish_dmp_using_subcommand card; and not __fish_seen_subcommand_from info verify-pin help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l wait -d 'Wait for a card to be inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l no-cache -d 'Read the certificates from the card even if they are cached'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l wait -d 'Wait for a card to be inserted (at most SECONDS, default 60)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from verify-pin" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
complete -c dmp -n "__fish_dmp_using_subcommand card; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l output -d 'Output format: text for people, json for scripts' -r -f -a "text\t'Tables and sentences for people'
json\t'One JSON document on stdout, with a "version" field (scripts rely on its shape)'"
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l profile -d 'Profile to use from the configuration file (default: the file\'s `default_profile`)' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l config -d 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l reader -d 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-file -d 'Read the PIN from the first line of FILE (it should be readable by you alone)' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-env -d 'Read the PIN from the environment variable VAR' -r
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l ca-file -d 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile\'s' -r -F
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s v -l verbose -d 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s q -l quiet -d 'Only errors on stderr'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -l pin-stdin -d 'Read the PIN from the first line of standard input'
complete -c dmp -n "__fish_dmp_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor help" -f -a "readers" -d 'List the card readers, whether a card is present, its ATR and its generation'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor help" -f -a "card" -d 'Read the CPS card: holder, certificates, PIN'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor help" -f -a "doctor" -d 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails'
complete -c dmp -n "__fish_dmp_using_subcommand help; and not __fish_seen_subcommand_from readers card doctor help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "info" -d 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
complete -c dmp -n "__fish_dmp_using_subcommand help; and __fish_seen_subcommand_from card" -f -a "verify-pin" -d 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
