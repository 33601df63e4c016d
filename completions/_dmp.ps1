
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('readers', 'readers', [CompletionResultType]::ParameterValue, 'List the card readers, whether a card is present, its ATR and its generation')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'Read the CPS card: holder, certificates, PIN')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails')
            [CompletionResult]::new('patient', 'patient', [CompletionResultType]::ParameterValue, 'One patient''s DMP: status, authorization, professionals')
            [CompletionResult]::new('patients', 'patients', [CompletionResultType]::ParameterValue, 'The patients whose DMP you are authorized on')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'A patient''s documents: list and open them')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The local audit journal: check that no record was edited, deleted or reordered')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Reports: the accesses recorded in the local audit journal')
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Read the certificates from the card even if they are cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
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
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Does the patient have a DMP, and may you access it (TD0.2)?')
            [CompletionResult]::new('authorize', 'authorize', [CompletionResultType]::ParameterValue, 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)')
            [CompletionResult]::new('professionals', 'professionals', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patient;status' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;authorize' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove your authorization instead of adding it')
            [CompletionResult]::new('--attending', '--attending', [CompletionResultType]::ParameterName, 'Declare yourself the patient''s attending physician (médecin traitant DMP)')
            [CompletionResult]::new('--patient-consent', '--patient-consent', [CompletionResultType]::ParameterName, 'The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;professionals' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Does the patient have a DMP, and may you access it (TD0.2)?')
            [CompletionResult]::new('authorize', 'authorize', [CompletionResultType]::ParameterValue, 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)')
            [CompletionResult]::new('professionals', 'professionals', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patient;help;status' {
            break
        }
        'dmp;patient;help;authorize' {
            break
        }
        'dmp;patient;help;professionals' {
            break
        }
        'dmp;patient;help;help' {
            break
        }
        'dmp;patients' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('authorized', 'authorized', [CompletionResultType]::ParameterValue, 'DMPs you (or your structure) were authorized on since a date (TD0.4)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patients;authorized' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Since this date (YYYY-MM-DD; default: one year ago)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patients;help' {
            [CompletionResult]::new('authorized', 'authorized', [CompletionResultType]::ParameterValue, 'DMPs you (or your structure) were authorized on since a date (TD0.4)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patients;help;authorized' {
            break
        }
        'dmp;patients;help;help' {
            break
        }
        'dmp;docs' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the patient''s documents with type, date, author and visibility (TD3.1)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Retrieve one document by its unique id (TD3.2), checked against its hash and size')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;docs;list' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Availability status (repeatable; default: approved)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Document type code (LOINC, repeatable), e.g. 11488-4')
            [CompletionResult]::new('--class', '--class', [CompletionResultType]::ParameterName, 'Document class code (repeatable), e.g. 10')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Care (service) date from (YYYY-MM-DD)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Care (service) date to (YYYY-MM-DD)')
            [CompletionResult]::new('--author', '--author', [CompletionResultType]::ParameterName, 'Author''s national id')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('--new-since-last-visit', '--new-since-last-visit', [CompletionResultType]::ParameterName, 'Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;docs;get' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;docs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the patient''s documents with type, date, author and visibility (TD3.1)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Retrieve one document by its unique id (TD3.2), checked against its hash and size')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;docs;help;list' {
            break
        }
        'dmp;docs;help;get' {
            break
        }
        'dmp;docs;help;help' {
            break
        }
        'dmp;audit' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;audit;verify' {
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'An audit journal file to check (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;audit;help;verify' {
            break
        }
        'dmp;audit;help;help' {
            break
        }
        'dmp;report' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;report;access' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'Only this patient (INS, 15 characters)')
            [CompletionResult]::new('--practitioner', '--practitioner', [CompletionResultType]::ParameterName, 'Only this practitioner (national id) or structure (structure id)')
            [CompletionResult]::new('--access-mode', '--access-mode', [CompletionResultType]::ParameterName, 'Only this access mode (repeatable)')
            [CompletionResult]::new('--transaction', '--transaction', [CompletionResultType]::ParameterName, 'Only this transaction, by its catalogue code (repeatable), e.g. TD3.2')
            [CompletionResult]::new('--result', '--result', [CompletionResultType]::ParameterName, 'Only this result (repeatable)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From this day (YYYY-MM-DD, UTC) or time (RFC 3339) on')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Up to this day included (YYYY-MM-DD, UTC), or before this time (RFC 3339)')
            [CompletionResult]::new('--summary', '--summary', [CompletionResultType]::ParameterName, 'Instead of the records, one row per patient or per practitioner')
            [CompletionResult]::new('--html', '--html', [CompletionResultType]::ParameterName, 'Write the whole report (summaries, chart, records, the journal''s chain) as one HTML page to FILE (mode 0600: it names patients), for a data-protection officer to open and print')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'An audit journal file to read (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use from the configuration file (default: the file''s `default_profile`)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)')
            [CompletionResult]::new('--pin-file', '--pin-file', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of FILE (it should be readable by you alone)')
            [CompletionResult]::new('--pin-env', '--pin-env', [CompletionResultType]::ParameterName, 'Read the PIN from the environment variable VAR')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)')
            [CompletionResult]::new('--credential', '--credential', [CompletionResultType]::ParameterName, 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)')
            [CompletionResult]::new('--structure-cert', '--structure-cert', [CompletionResultType]::ParameterName, 'PKCS#12 file of the structure certificate (indirect mode)')
            [CompletionResult]::new('--structure-cert-password-file', '--structure-cert-password-file', [CompletionResultType]::ParameterName, 'File holding the structure certificate''s password (first line)')
            [CompletionResult]::new('--structure-cert-password-env', '--structure-cert-password-env', [CompletionResultType]::ParameterName, 'Environment variable holding the structure certificate''s password')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it')
            [CompletionResult]::new('--chart', '--chart', [CompletionResultType]::ParameterName, 'Instead of the records, the accesses per day as bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;report;help' {
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;report;help;access' {
            break
        }
        'dmp;report;help;help' {
            break
        }
        'dmp;help' {
            [CompletionResult]::new('readers', 'readers', [CompletionResultType]::ParameterValue, 'List the card readers, whether a card is present, its ATR and its generation')
            [CompletionResult]::new('card', 'card', [CompletionResultType]::ParameterValue, 'Read the CPS card: holder, certificates, PIN')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails')
            [CompletionResult]::new('patient', 'patient', [CompletionResultType]::ParameterValue, 'One patient''s DMP: status, authorization, professionals')
            [CompletionResult]::new('patients', 'patients', [CompletionResultType]::ParameterValue, 'The patients whose DMP you are authorized on')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'A patient''s documents: list and open them')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The local audit journal: check that no record was edited, deleted or reordered')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Reports: the accesses recorded in the local audit journal')
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
        'dmp;help;patient' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Does the patient have a DMP, and may you access it (TD0.2)?')
            [CompletionResult]::new('authorize', 'authorize', [CompletionResultType]::ParameterValue, 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)')
            [CompletionResult]::new('professionals', 'professionals', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)')
            break
        }
        'dmp;help;patient;status' {
            break
        }
        'dmp;help;patient;authorize' {
            break
        }
        'dmp;help;patient;professionals' {
            break
        }
        'dmp;help;patients' {
            [CompletionResult]::new('authorized', 'authorized', [CompletionResultType]::ParameterValue, 'DMPs you (or your structure) were authorized on since a date (TD0.4)')
            break
        }
        'dmp;help;patients;authorized' {
            break
        }
        'dmp;help;docs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the patient''s documents with type, date, author and visibility (TD3.1)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Retrieve one document by its unique id (TD3.2), checked against its hash and size')
            break
        }
        'dmp;help;docs;list' {
            break
        }
        'dmp;help;docs;get' {
            break
        }
        'dmp;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)')
            break
        }
        'dmp;help;audit;verify' {
            break
        }
        'dmp;help;report' {
            [CompletionResult]::new('access', 'access', [CompletionResultType]::ParameterValue, 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html')
            break
        }
        'dmp;help;report;access' {
            break
        }
        'dmp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
