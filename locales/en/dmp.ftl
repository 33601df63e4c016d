# The DMP protocol: SOAP faults, the VIHF, MIME answers, CDA documents, the DMP's answers.
# The DMP's own texts (already in French) are shown as they come, inside these messages.

dmp-fault-refused = the DMP refused the request: { $code }: { $text }
dmp-fault-with-rule = { $message } (rule: { $rule })
dmp-fault-rule-rights-matrix = the DMP's functional-rights matrix, PDT-INF-526
dmp-fault-hint-rights-service = the DMP's rights service refuses this transaction to your profession, card or access mode, or on this patient's record (the DMP's text above says which); retrying will not help
dmp-fault-rule-consent = the DMP's consent rules
dmp-fault-hint-consent = check the patient's DMP and your authorization with `dmp patient status --ins …`: if the authorization is missing or expired and the patient consents, declare it; if the patient blocked you (INTERDIT), no access is possible
dmp-fault-rule-unknown-document = unknown document, or one the functional-rights matrix (PDT-INF-526, TD3.2) does not open to you
dmp-fault-hint-unknown-document = the DMP gives this answer both for a document that does not exist and for one you may not retrieve: a document masked to professionals opens only to its author and the attending physician (in emergency or regulation mode, only if the patient allowed it); check the unique id with `dmp docs list --ins …`
dmp-fault-hint-invalid-certificate = the DMP rejected the certificate that signed the VIHF: it must be the signature (non-repudiation) certificate of the card or the structure's SIGN certificate, valid and issued by IGC-Santé
dmp-fault-hint-no-specialty = doctors and pharmacists must send their specialty in the VIHF role: in direct mode dmp takes it from the card (`dmp card info` shows it); in indirect mode set `practitioner_specialty` in the profile
dmp-fault-hint-structure-unknown = the structure identifier (Identifiant_Structure) of the VIHF is unknown or inactive at the DMP: check the activity chosen on the card (`dmp card info --activities`) or, in indirect mode, the profile's structure id
dmp-fault-hint-structure-not-linked = the DMP does not link you to the structure the VIHF names: choose another of the card's activities (`--activity`, `dmp card info --activities`), or have your activities updated in the professional directory
dmp-soap-not-envelope = the DMP answered a document that is not a SOAP envelope (root element '{ $root }')
dmp-soap-no-body = the DMP answered a SOAP envelope without a Body
dmp-soap-empty-body = the DMP answered an empty SOAP Body
dmp-soap-unexpected-root = the DMP answered '{ $found }' where '{ $expected }' was expected
dmp-http-status-html = the endpoint answered HTTP { $status }, an HTML page, not a SOAP answer
dmp-http-status-media = the endpoint answered HTTP { $status }, { $media }, not a SOAP answer
dmp-http-status-empty = the endpoint answered HTTP { $status }, with no content
dmp-http-status-not-soap = the endpoint answered HTTP { $status }, not a SOAP answer
dmp-http-hint-nothing-at-url = check the endpoint: nothing at { $url } takes DMP requests (the profile's `endpoint`, or --endpoint, ends with /si-dmp-server/v2/services)
dmp-http-hint-access-refused = the server, or a proxy on the way, refused access to { $url }: check the endpoint and the proxy's settings
dmp-http-hint-gateway = a proxy or gateway on the way to { $url } could not reach the DMP, or the DMP is unavailable: retry later; if it persists, check the endpoint and the proxy
dmp-http-hint-check-endpoint = check the endpoint { $url } (the profile's `endpoint`, or --endpoint); retry later if the DMP is unavailable
dmp-vihf-no-practitioner-id = the VIHF needs the user's national id (idNat_PS)
dmp-vihf-no-structure-id = the VIHF needs the structure's national id (Identifiant_Structure)
dmp-vihf-hint-structure-id = direct mode: the card's activity names it (`dmp card info --activities`); indirect mode: set `structure_id` in the profile
dmp-vihf-no-profession = the VIHF needs the user's profession (TRE_G15 role)
dmp-vihf-no-specialty = doctors and pharmacists must send their specialty as a second VIHF role
dmp-vihf-hint-specialty = the DMP rejects the request without it: in direct mode it comes from the card (CPS_INFO_PS), which names none; in indirect mode set `practitioner_specialty` (e.g. SM26) in the profile
dmp-vihf-no-subject-name = the indirect modes require the user's name in the VIHF (subject-id)
dmp-vihf-break-glass-needs-card = break-the-glass access is only possible with a CPS card in the reader (direct mode)
dmp-vihf-no-issuer = VIHF without Issuer
dmp-vihf-unsigned = the { $mode } mode requires a VIHF signed with the structure's signature certificate
