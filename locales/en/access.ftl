# Settings and rules checked before a DMP transaction: mode, profile, credential.

access-reason-not-regulation = --reason is for emergency access only, not for regulation access
access-reason-not-normal = --reason is for emergency access only, not for normal access
access-reason-not-emergency-hint = for an emergency access add --mode emergency; otherwise leave out --reason
access-emergency-needs-reason = emergency access (bris de glace) needs a reason
access-emergency-needs-reason-hint = give it with --reason "…": it is kept in the local audit journal (the DMP records the emergency access itself, and the patient and their attending physician are told)
access-not-configured = no { $what } is configured
access-not-configured-hint = set `{ $key }` in the profile
access-no-endpoint = no DMP endpoint is configured
access-no-endpoint-hint = set `endpoint` in the profile, or pass --endpoint https://…/si-dmp-server/v2/services
access-no-trust-anchor = no trust anchor is configured
access-no-trust-anchor-hint = set `trust_anchors` in the profile (PEM files of the IGC-Santé chain) or pass --ca-file; dmp never connects without checking the server
access-unknown-profession = the card's profession "{ $profession }" has no known G15 code
access-unknown-profession-hint = set `profession` (TRE_G15 code, e.g. 10 for Médecin) in the profile
access-what-practitioner-profession = profession (TRE_G15 code) of the practitioner
access-what-practitioner-id = practitioner (national id of the professional acting through the structure)
access-what-practitioner-name = practitioner name
access-what-lps-oid = software OID
access-what-lps-homologation = LPS homologation id
access-what-structure-id = structure id
access-no-lps-oid-hint = set `lps_oid` in the profile to your software's OID (its HL7 messages and query ids are numbered under it)
access-lps-oid-not-oid = lps_oid "{ $oid }" is not an OID
access-lps-oid-not-oid-hint = write it as numbers separated by dots, e.g. 1.2.250.1.…
access-lps-oid-test = lps_oid { $oid } is a test OID, and this is not a test profile
access-lps-oid-test-hint = set `lps_oid` to your software's registered OID, or `test_profile = true` for a test platform
access-ins-authority-test = ins_authority "{ $authority }" is for test platforms, and this is not a test profile
access-ins-authority-test-hint = leave out `ins_authority` (real INS are NIR), or set `test_profile = true` for a test platform
access-test-ins = the INS { $ins } is under the test authority { $authority }, and this is not a test profile
access-test-ins-hint = give the patient's real INS (NIR), or use a test profile (`test_profile = true`) on a test platform
access-bodies-need-traces = --trace-wire-bodies needs wire traces to keep the documents in
access-bodies-need-traces-hint = add --trace-wire DIR (or set `trace_wire` in the profile)
access-no-structure-cert = no structure certificate is configured
access-no-structure-cert-hint = set `structure_cert` in the profile or pass --structure-cert FILE.p12
access-ins-authority-unknown = ins_authority "{ $authority }" is not one of nir, test, demo
access-ins-authority-unknown-hint = fix `ins_authority` in the profile
access-no-structure-password = no password for the structure certificate
access-no-structure-password-hint = set `structure_cert_password_file` in the profile, or pass --structure-cert-password-file FILE or --structure-cert-password-env VAR
