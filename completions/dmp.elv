
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
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
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
            cand audit 'The local audit journal: check that no record was edited, deleted or reordered'
            cand report 'Reports: the accesses recorded in the local audit journal'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;readers'= {
            cand --wait 'Wait until a card is inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;card'= {
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand info 'Holder identity, card serial and generation, certificates and PIN tries left (spends no PIN try)'
            cand verify-pin 'Verify the PIN once and report the tries left. A wrong PIN is never retried'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;card;info'= {
            cand --wait 'Wait for a card to be inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts'
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
            cand --no-cache 'Read the certificates from the card even if they are cached'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;card;verify-pin'= {
            cand --wait 'Wait for a card to be inserted (at most SECONDS, default 60)'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
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
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient'= {
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Does the patient have a DMP, and may you access it (TD0.2)?'
            cand authorize 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)'
            cand professionals 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patient;status'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;authorize'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts'
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
            cand --remove 'Remove your authorization instead of adding it'
            cand --attending 'Declare yourself the patient''s attending physician (médecin traitant DMP)'
            cand --patient-consent 'The patient has consented (for scripts; at a terminal dmp asks). Recorded in the audit journal'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;professionals'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;patient;help'= {
            cand status 'Does the patient have a DMP, and may you access it (TD0.2)?'
            cand authorize 'Declare yourself authorized on the patient''s DMP once they consent, or remove it (TD0.3)'
            cand professionals 'The professionals authorized on, or blocked from, the patient''s DMP (TD1.6)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patient;help;status'= {
        }
        &'dmp;patient;help;authorize'= {
        }
        &'dmp;patient;help;professionals'= {
        }
        &'dmp;patient;help;help'= {
        }
        &'dmp;patients'= {
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand authorized 'DMPs you (or your structure) were authorized on since a date (TD0.4)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;patients;authorized'= {
            cand --since 'Since this date (YYYY-MM-DD; default: one year ago)'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
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
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
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
            cand --output 'Output format: text for people, json for scripts'
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
            cand --new-since-last-visit 'Only what was added since your last complete listing of this DMP: a plain `docs list` or `--new-since-last-visit` answered in full (kept in $XDG_STATE_HOME/dmp/last-visits.json)'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;docs;get'= {
            cand --ins 'The patient''s INS (15 characters: NIR + check key), optionally `INS@OID`'
            cand -o 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output'
            cand --output-file 'Write the document to FILE, created readable by you alone (mode 0600) and complete or not at all; `-` or nothing: standard output'
            cand --output 'Output format: text for people, json for scripts'
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
            cand --force 'Replace FILE if it exists'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
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
        &'dmp;audit'= {
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand verify 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;audit;verify'= {
            cand --journal 'An audit journal file to check (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3'
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;audit;help'= {
            cand verify 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;audit;help;verify'= {
        }
        &'dmp;audit;help;help'= {
        }
        &'dmp;report'= {
            cand --output 'Output format: text for people, json for scripts'
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
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand access 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;report;access'= {
            cand --ins 'Only this patient (INS, 15 characters)'
            cand --practitioner 'Only this practitioner (national id) or structure (structure id)'
            cand --access-mode 'Only this access mode (repeatable)'
            cand --transaction 'Only this transaction, by its catalogue code (repeatable), e.g. TD3.2'
            cand --result 'Only this result (repeatable)'
            cand --since 'From this day (YYYY-MM-DD, UTC) or time (RFC 3339) on'
            cand --until 'Up to this day included (YYYY-MM-DD, UTC), or before this time (RFC 3339)'
            cand --summary 'Instead of the records, one row per patient or per practitioner'
            cand --html 'Write the whole report (summaries, chart, records, the journal''s chain) as one HTML page to FILE (mode 0600: it names patients), for a data-protection officer to open and print'
            cand --journal 'An audit journal file to read (a copy, a backup) instead of $XDG_DATA_HOME/dmp/audit.sqlite3'
            cand --output 'Output format: text for people, json for scripts'
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
            cand --chart 'Instead of the records, the accesses per day as bars'
            cand -v 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: dmp''s steps, -vv: also TLS and HTTP). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;report;help'= {
            cand access 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dmp;report;help;access'= {
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
            cand audit 'The local audit journal: check that no record was edited, deleted or reordered'
            cand report 'Reports: the accesses recorded in the local audit journal'
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
        }
        &'dmp;help;patient;status'= {
        }
        &'dmp;help;patient;authorize'= {
        }
        &'dmp;help;patient;professionals'= {
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
        &'dmp;help;audit'= {
            cand verify 'Walk the audit journal''s hash chain and report the first edited, deleted or reordered record, with its number and time (exit code 11 when the chain is broken)'
        }
        &'dmp;help;audit;verify'= {
        }
        &'dmp;help;report'= {
            cand access 'Who accessed which patient''s DMP from this machine, when, in which mode, why, and what was refused, from the local audit journal. Emergency, regulation and refused accesses are flagged. Table, --output json or csv, --summary, --chart, --html'
        }
        &'dmp;help;report;access'= {
        }
        &'dmp;help;help'= {
        }
    ]
    $completions[$command]
}
