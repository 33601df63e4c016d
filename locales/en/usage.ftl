# Command-line errors (clap finds them, dmp says them: src/cli/usage.rs).

usage-unknown-argument = unexpected argument '{ $arg }' found
usage-missing-value = a value is required for '{ $arg }' but none was supplied
usage-invalid-value = invalid value '{ $value }' for '{ $arg }'
usage-possible-values = [possible values: { $values }]
usage-subcommands = [subcommands: { $names }]
usage-invalid-subcommand = unrecognized subcommand '{ $name }'
usage-missing-required = the following required arguments were not provided: { $args }
usage-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
usage-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
usage-conflict-repeated = the argument '{ $arg }' cannot be used multiple times
usage-conflict-others = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
usage-no-equals = equal sign is needed when assigning values to '{ $arg }'
usage-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
usage-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
usage-too-few-values = { $min } values required by '{ $arg }'; only { $actual } { $actual ->
        [one] was
       *[other] were
    } provided
usage-wrong-number-of-values = { $expected } values required for '{ $arg }' but { $actual } { $actual ->
        [one] was
       *[other] were
    } provided
usage-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
usage-other = bad command line
usage-command-required = a command is required
usage-command-required-hint = run `dmp --help` for the commands
usage-suggest-subcommand = a similar subcommand exists: '{ $name }'
usage-suggest-subcommands = some similar subcommands exist: { $names }
usage-suggest-argument = a similar argument exists: '{ $name }'
usage-suggest-arguments = some similar arguments exist: { $names }
usage-suggest-value = a similar value exists: '{ $name }'
usage-suggest-values = some similar values exist: { $names }
usage-tip-escape = to pass '{ $arg }' as a value, use '-- { $arg }'
usage-usage = Usage: { $usage }
usage-more = For more information, try '{ $flag }'.
usage-quoted = '{ $name }'
usage-separator = {"; "}
