# The configuration file (src/config.rs).

config-repository-key-without-address = { $key } is set but audit_repository is not
config-repository-key-without-address-hint = set audit_repository = "host:port" (the practice's syslog-over-TLS audit repository), or remove the audit_repository_* keys
config-and = {" "}and{" "}
config-repository-files-missing = audit_repository is set but { $keys } { $count ->
        [one] is
       *[other] are
    } not
config-repository-files-missing-hint = the audit repository is reached over TLS with client and server certificates: name the repository's CA (audit_repository_ca) and our certificate and key (audit_repository_cert, audit_repository_key), PEM files
config-file-missing = configuration file { $path } does not exist
config-file-missing-hint = check the --config path, or leave it out to use the default file
config-cannot-read = cannot read { $path }: { $error }
config-cannot-read-hint = check that the file exists and is readable
config-file-line = { $path }, line { $line }
config-did-you-mean = did you mean `{ $key }`?
config-known-keys = the keys accepted here: { $keys }
config-unknown-key = { $place }: unknown key `{ $key }`
config-invalid-file = { $path } is not a valid configuration file: { $error }
config-invalid-file-line = { $path } is not a valid configuration file, line { $line }: { $error }
config-invalid-file-hint = fix or remove it; see the README's configuration section for the keys a profile accepts
config-no-such-profile = no profile named '{ $name }' in the configuration
config-no-profile-yet = no profile is defined yet: add a [profiles.NAME] table to the configuration file (or start `dmp-sandbox serve`, which writes the `sandbox` profile)
config-known-profiles = known profiles: { $names }
config-bad-lang = unknown language `{ $value }`: `lang` is "en" or "fr"
