# Messages of the commands that have no catalogue file of their own.

commands-no-card-inserted = no card was inserted within { $seconds } s
commands-no-card-inserted-hint = insert the CPS card, chip first, into a contact reader
commands-report-date-type-authorization = authorization added since the date
commands-report-date-type-document = document added or changed since the date
commands-report-no-web-ps = no address for the DMP's web site for professionals (Web PS)
commands-report-no-web-ps-hint = add `web_ps_url = "https://…"` to the profile (the Web PS address of your DMP platform), or pass --web-ps-url URL
commands-report-bad-web-ps-hint = give the Web PS base address, scheme and host only, e.g. `https://host` (dmp adds /AccesDirect/HistoriqueAcces/<INS>)
commands-report-web-ps-not-address = web_ps_url "{ $url }" is not an address ({ $error })
commands-report-web-ps-not-https = web_ps_url "{ $url }" is not an https address (the Web PS is served over HTTPS only)
commands-report-web-ps-no-host = web_ps_url "{ $url }" names no host
commands-report-web-ps-query = web_ps_url "{ $url }" has a query or a fragment

# Wire traces (--trace-wire).
commands-trace-not-directory = the wire-trace location { $path } is not a directory
commands-trace-not-directory-hint = name a directory for --trace-wire (or `trace_wire`); dmp creates it when it does not exist
commands-trace-unusable = cannot use the wire-trace directory { $path }: { $error }
commands-trace-unusable-hint = check the path given to --trace-wire (or `trace_wire`)
commands-trace-cannot-create = cannot create the wire-trace directory { $path }: { $error }
commands-trace-cannot-create-hint = check the path given to --trace-wire (or `trace_wire`) and its parent's permissions
commands-trace-foreign = the wire-trace directory { $path } belongs to another user (uid { $uid })
commands-trace-foreign-hint = wire traces hold health data: name a directory of your own, or a new one (dmp creates it, mode 0700)
commands-trace-open = the wire-trace directory { $path } is open to others (mode { $mode })
commands-trace-open-hint = wire traces hold health data: `chmod 700 { $path }`, or name a new directory (dmp creates it, mode 0700)
commands-trace-cannot-write = cannot write the wire trace { $path }: { $error }
commands-trace-cannot-write-hint = check the space and permissions of the --trace-wire (or `trace_wire`) directory
commands-trace-response-lost = { $error }; the transaction itself went through

# dmp patient status and lists.
commands-patient-expired = your authorization has expired: once the patient consents, renew it with `dmp patient authorize`
commands-patient-not-authorized = you are not authorized yet: once the patient consents, declare it with `dmp patient authorize`
commands-patient-blocked = the patient has blocked you: no access to this DMP, in any mode
commands-patient-regulation-possible = regulation access (centre 15) is possible
commands-patient-emergency-possible = emergency access (bris de glace) is possible
commands-patient-authorized-attending = you are authorized, as the patient's attending physician (médecin traitant DMP)
commands-patient-authorized = you are authorized
commands-patient-list-authorized = authorized
commands-patient-list-blocked = blocked by the patient
commands-patient-list-all = authorized or blocked

# A warning of the DMP's registry, as one line.
commands-warning-reported = the DMP reported { $code } ({ $severity }{ $at }){ $answering }{ $context }
commands-warning-at = , at { $location }
commands-warning-answering = {" "}answering { $query }
commands-warning-context = : { $context }

# dmp card with --credential pkcs11.
commands-card-pkcs11-token = PKCS#11 token "{ $label }"
