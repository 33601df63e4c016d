
use builtin;
use str;

set edit:completion:arg-completer[dmp] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dmp'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dmp'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand readers 'List the card readers, whether a card is present, its ATR and its generation'
            cand card 'Read the CPS card: holder, certificates, PIN'
            cand doctor 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails'
            cand patient 'One patient''s DMP: status, authorization, professionals'
            cand patients 'The patients whose DMP you are authorized on'
            cand docs 'A patient''s documents: list and open them'
            cand report 'Reports for reading, filing or a spreadsheet (text, JSON or CSV)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;readers'= {
            cand --wait 'Wait until a card is inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;card'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand info 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
            cand verify-pin 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;card;info'= {
            cand --wait 'Wait for a card to be inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand --no-cache 'Read the certificates from the card even if they are cached'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;card;verify-pin'= {
            cand --wait 'Wait for a card to be inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;card;help'= {
            cand info 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
            cand verify-pin 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;card;help;info'= {
        }
        &'dmp;card;help;verify-pin'= {
        }
        &'dmp;card;help;help'= {
        }
        &'dmp;doctor'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Does the patient have a DMP, and may you access it (TD0.2)?'
            cand authorize 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)'
            cand professionals 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)'
            cand history-url 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patient;status'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;authorize'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand --remove 'Remove your authorization instead of adding it'
            cand --attending 'Declare yourself the patient''s attending physician (médecin traitant DMP)'
            cand --patient-consent 'The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;professionals'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;history-url'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --web-ps-url 'Base address of the Web PS (e.g. https://host), instead of the profile''s web_ps_url'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand --open 'Open the address in your web browser ($BROWSER, else xdg-open)'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;help'= {
            cand status 'Does the patient have a DMP, and may you access it (TD0.2)?'
            cand authorize 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)'
            cand professionals 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)'
            cand history-url 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patient;help;status'= {
        }
        &'dmp;patient;help;authorize'= {
        }
        &'dmp;patient;help;professionals'= {
        }
        &'dmp;patient;help;history-url'= {
        }
        &'dmp;patient;help;help'= {
        }
        &'dmp;patients'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand authorized 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patients;authorized'= {
            cand --since 'Since this date (YYYY-MM-DD; default: one year ago)'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patients;help'= {
            cand authorized 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patients;help;authorized'= {
        }
        &'dmp;patients;help;help'= {
        }
        &'dmp;docs'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List the patient''s documents with type, date, author and visibility (TD3.1)'
            cand get 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;docs;list'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --status 'Availability status (repeatable; default: approved)'
            cand --type 'Document type code (LOINC, repeatable), e.g. 11488-4'
            cand --class 'Document class code (repeatable), e.g. 10'
            cand --from 'Care (service) date from (YYYY-MM-DD)'
            cand --to 'Care (service) date to (YYYY-MM-DD)'
            cand --author 'Author''s national id'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand --new-since-last-visit 'Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;docs;get'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand -o 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output'
            cand --output-file 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand --force 'Replace FILE if it exists'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;docs;help'= {
            cand list 'List the patient''s documents with type, date, author and visibility (TD3.1)'
            cand get 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;docs;help;list'= {
        }
        &'dmp;docs;help;get'= {
        }
        &'dmp;docs;help;help'= {
        }
        &'dmp;report'= {
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand authorizations 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action'
            cand patients 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;report;authorizations'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;report;patients'= {
            cand --since 'Since this date (YYYY-MM-DD, UTC; default: one year ago)'
            cand --by 'What --since applies to: the authorization (added since), the documents (added or changed since), or either (both lists, merged)'
            cand --output 'Output format: text for people, json for scripts, csv for spreadsheets (reports)'
            cand --profile 'Profile to use from the configuration file (default: the file''s `default_profile`)'
            cand --config 'Configuration file (default: $XDG_CONFIG_HOME/dmp/config.toml)'
            cand --reader 'Card reader to use: its full name or a unique part of it (default: the first reader holding a card)'
            cand --pin-file 'Read the PIN from the first line of FILE (it should be readable by you alone)'
            cand --pin-env 'Read the PIN from the environment variable VAR'
            cand --ca-file 'PEM file of trust anchors (IGC-Santé roots and intermediates), instead of the profile''s'
            cand --endpoint 'Base URL of the DMP services, instead of the profile''s (e.g. https://host/si-dmp-server/v2/services)'
            cand --credential 'What signs the TLS session: the CPS card (direct mode) or a structure certificate (indirect mode, unattended)'
            cand --structure-cert 'PKCS#12 file of the structure certificate (indirect mode)'
            cand --structure-cert-password-file 'File holding the structure certificate''s password (first line)'
            cand --structure-cert-password-env 'Environment variable holding the structure certificate''s password'
            cand --mode 'Access mode: normal, emergency ("bris de glace": needs --reason, announced on every run) or regulation (centre 15: no authorization needed). The patient''s block and oppositions apply in every mode'
            cand --reason 'Why the emergency access is needed (emergency mode only). Kept in the local audit journal; not sent to the DMP, whose interface names no field for it'
            cand --trace-wire 'Write each DMP request and answer of the run in DIR, as sent and received, for support: one pair of files per transaction, mode 0600 in a 0700 directory. They hold health data. Document content is left out (size and SHA-1 only) unless --trace-wire-bodies'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --quiet 'Only errors on stderr (and the warning that --trace-wire writes health data)'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand --trace-wire-bodies 'Keep document content in the wire traces'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;report;help'= {
            cand authorizations 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action'
            cand patients 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;report;help;authorizations'= {
        }
        &'dmp;report;help;patients'= {
        }
        &'dmp;report;help;help'= {
        }
        &'dmp;help'= {
            cand readers 'List the card readers, whether a card is present, its ATR and its generation'
            cand card 'Read the CPS card: holder, certificates, PIN'
            cand doctor 'Check the set-up (smart-card service, reader, card, certificates, PIN, TLS to the DMP, clock) and say how to fix what fails'
            cand patient 'One patient''s DMP: status, authorization, professionals'
            cand patients 'The patients whose DMP you are authorized on'
            cand docs 'A patient''s documents: list and open them'
            cand report 'Reports for reading, filing or a spreadsheet (text, JSON or CSV)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;help;readers'= {
        }
        &'dmp;help;card'= {
            cand info 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
            cand verify-pin 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
        }
        &'dmp;help;card;info'= {
        }
        &'dmp;help;card;verify-pin'= {
        }
        &'dmp;help;doctor'= {
        }
        &'dmp;help;patient'= {
            cand status 'Does the patient have a DMP, and may you access it (TD0.2)?'
            cand authorize 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)'
            cand professionals 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)'
            cand history-url 'The address of the patient''s DMP access history on the DMP''s web site for professionals (Web PS, TD0.9), to open in a browser holding your CPS card: the attending physician sees every access, any other professional their own. Sends nothing'
        }
        &'dmp;help;patient;status'= {
        }
        &'dmp;help;patient;authorize'= {
        }
        &'dmp;help;patient;professionals'= {
        }
        &'dmp;help;patient;history-url'= {
        }
        &'dmp;help;patients'= {
            cand authorized 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
        }
        &'dmp;help;patients;authorized'= {
        }
        &'dmp;help;docs'= {
            cand list 'List the patient''s documents with type, date, author and visibility (TD3.1)'
            cand get 'Retrieve one document by its unique id (TD3.2), checked against its hash and size'
        }
        &'dmp;help;docs;list'= {
        }
        &'dmp;help;docs;get'= {
        }
        &'dmp;help;report'= {
            cand authorizations 'The professionals authorized on, or blocked from, a patient''s DMP as the DMP lists them (TD1.6): mode (authorized, attending physician, blocked), authorized since, last action'
            cand patients 'The DMPs you (or your structure) are authorized on (TD0.4), with your last access, the last update of their documents and when your authorization was added'
        }
        &'dmp;help;report;authorizations'= {
        }
        &'dmp;help;report;patients'= {
        }
        &'dmp;help;help'= {
        }
    ]
    $completions[$command]
}
