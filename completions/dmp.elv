
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
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand readers 'List the card readers, whether a card is present, its ATR and its generation'
            cand card 'Read the CPS card: holder, certificates, PIN'
            cand doctor 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails'
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
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
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
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
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
            cand --no-cache 'Read the certificates from the card even if they are cached'
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
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
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
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
            cand -v 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand --verbose 'More detail on stderr (-v: debug, -vv: trace). Never shows a PIN'
            cand -q 'Only errors on stderr'
            cand --quiet 'Only errors on stderr'
            cand --pin-stdin 'Read the PIN from the first line of standard input'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'dmp;help'= {
            cand readers 'List the card readers, whether a card is present, its ATR and its generation'
            cand card 'Read the CPS card: holder, certificates, PIN'
            cand doctor 'Check the set-up (smart-card service, reader, card, certificates, PIN) and say how to fix what fails'
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
        &'dmp;help;help'= {
        }
    ]
    $completions[$command]
}
