
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'dmp' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'dmp'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'dmp' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('readers', 'readers', [CompletionResultType]::ParameterValue, 'List the card readers, whether a card is present, its ATR and its generation')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'Read the CPS card: holder, certificates, PIN')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;readers' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until a card is inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;card' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)')
            [CompletionResult]::new('verify-pin', 'verify-pin', [CompletionResultType]::ParameterValue, 'Verify the PIN once and report the tries left. A wrong PIN is never retried')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;card;info' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for a card to be inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Read the certificates from the card even if they are cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;card;verify-pin' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for a card to be inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;card;help' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)')
            [CompletionResult]::new('verify-pin', 'verify-pin', [CompletionResultType]::ParameterValue, 'Verify the PIN once and report the tries left. A wrong PIN is never retried')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;card;help;info' {
            break
        }
        'dmp;card;help;verify-pin' {
            break
        }
        'dmp;card;help;help' {
            break
        }
        'dmp;doctor' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;help' {
            [CompletionResult]::new('readers', 'readers', [CompletionResultType]::ParameterValue, 'List the card readers, whether a card is present, its ATR and its generation')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'Read the CPS card: holder, certificates, PIN')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;help;readers' {
            break
        }
        'dmp;help;card' {
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)')
            [CompletionResult]::new('verify-pin', 'verify-pin', [CompletionResultType]::ParameterValue, 'Verify the PIN once and report the tries left. A wrong PIN is never retried')
            break
        }
        'dmp;help;card;info' {
            break
        }
        'dmp;help;card;verify-pin' {
            break
        }
        'dmp;help;doctor' {
            break
        }
        'dmp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
