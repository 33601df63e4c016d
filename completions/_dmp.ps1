
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
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
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Reports for reading, filing or a spreadsheet (text, JSON or CSV)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;readers' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until a card is inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;card' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('info', 'info', [CompletionResultType]::ParameterValue, 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)')
            [CompletionResult]::new('verify-pin', 'verify-pin', [CompletionResultType]::ParameterValue, 'Verify the PIN once and report the tries left. A wrong PIN is never retried')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;card;info' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for a card to be inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Read the certificates from the card even if they are cached')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;card;verify-pin' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for a card to be inserted (at most SECONDS, default 60)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Does the patient have a DMP, and may you access it (TD0.2)?')
            [CompletionResult]::new('authorize', 'authorize', [CompletionResultType]::ParameterValue, 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)')
            [CompletionResult]::new('professionals', 'professionals', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)')
            [CompletionResult]::new('history-url', 'history-url', [CompletionResultType]::ParameterValue, 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patient;status' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;authorize' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Remove your authorization instead of adding it')
            [CompletionResult]::new('--attending', '--attending', [CompletionResultType]::ParameterName, 'Declare yourself the patient''s attending physician (médecin traitant DMP)')
            [CompletionResult]::new('--patient-consent', '--patient-consent', [CompletionResultType]::ParameterName, 'The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;professionals' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;history-url' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--web-ps-url', '--web-ps-url', [CompletionResultType]::ParameterName, 'Base address of the Web PS (e.g. https://host), instead of the profile''s web_ps_url')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open the address in your web browser ($BROWSER, else xdg-open)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;patient;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Does the patient have a DMP, and may you access it (TD0.2)?')
            [CompletionResult]::new('authorize', 'authorize', [CompletionResultType]::ParameterValue, 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)')
            [CompletionResult]::new('professionals', 'professionals', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)')
            [CompletionResult]::new('history-url', 'history-url', [CompletionResultType]::ParameterValue, 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing')
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
        'dmp;patient;help;history-url' {
            break
        }
        'dmp;patient;help;help' {
            break
        }
        'dmp;patients' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('authorized', 'authorized', [CompletionResultType]::ParameterValue, 'DMPs you (or your structure) were authorized on since a date (TD0.4)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;patients;authorized' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Since this date (YYYY-MM-DD; default: one year ago)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
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
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('--new-since-last-visit', '--new-since-last-visit', [CompletionResultType]::ParameterName, 'Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;docs;get' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output')
            [CompletionResult]::new('--output-file', '--output-file', [CompletionResultType]::ParameterName, 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
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
        'dmp;report' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('authorizations', 'authorizations', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action')
            [CompletionResult]::new('patients', 'patients', [CompletionResultType]::ParameterValue, 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;report;authorizations' {
            [CompletionResult]::new('--ins', '--ins', [CompletionResultType]::ParameterName, 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;report;patients' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Since this date (YYYY-MM-DD, UTC; default: one year ago)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'What --since applies to: the authorization (added since), the documents (added or changed since), or either (both lists, merged)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: text for people, json for scripts, csv for spreadsheets (reports)')
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
            [CompletionResult]::new('--trace-wire', '--trace-wire', [CompletionResultType]::ParameterName, 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Only errors on stderr (and the warning that --trace-wire writes health data)')
            [CompletionResult]::new('--pin-stdin', '--pin-stdin', [CompletionResultType]::ParameterName, 'Read the PIN from the first line of standard input')
            [CompletionResult]::new('--trace-wire-bodies', '--trace-wire-bodies', [CompletionResultType]::ParameterName, 'Keep document content in the wire traces')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'dmp;report;help' {
            [CompletionResult]::new('authorizations', 'authorizations', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action')
            [CompletionResult]::new('patients', 'patients', [CompletionResultType]::ParameterValue, 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'dmp;report;help;authorizations' {
            break
        }
        'dmp;report;help;patients' {
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
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Reports for reading, filing or a spreadsheet (text, JSON or CSV)')
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
            [CompletionResult]::new('history-url', 'history-url', [CompletionResultType]::ParameterValue, 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing')
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
        'dmp;help;patient;history-url' {
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
        'dmp;help;report' {
            [CompletionResult]::new('authorizations', 'authorizations', [CompletionResultType]::ParameterValue, 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action')
            [CompletionResult]::new('patients', 'patients', [CompletionResultType]::ParameterValue, 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added')
            break
        }
        'dmp;help;report;authorizations' {
            break
        }
        'dmp;help;report;patients' {
            break
        }
        'dmp;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
