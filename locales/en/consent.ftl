# The DMP's consent and rights rules (PDT-INF-526): refusals and their hints.

consent-refused = { $message } (rule { $rule })

consent-what-status = check the patient's DMP
consent-what-authorize = declare an authorization
consent-what-authorize-attending = become the patient's attending physician
consent-what-remove-authorization = remove their authorization
consent-what-remove-attending = give up the attending physician role
consent-what-authorized-list = list the DMPs they are authorized on
consent-what-professionals = list the professionals authorized on a DMP
consent-what-search-metadata = search the documents
consent-what-find-reference = look up a document
consent-what-retrieve = retrieve a document's content
consent-what-push = add a document to the DMP
consent-what-mask = mask a document to professionals
consent-what-unmask = unmask a document to professionals
consent-what-show-to-patient = make a document visible to the patient
consent-what-archive = archive or unarchive a document
consent-what-delete = delete a document

consent-who-non-physician = a health professional who is not a doctor
consent-who-physician = a doctor
consent-who-occupational = an occupational doctor
consent-who-attending = the patient's attending physician
consent-who-cpe = a CPE holder (not a health professional)
consent-who-structure = a structure certificate (indirect mode)

consent-patient-posted-archive = only the patient's attending physician (or the patient) may archive or unarchive a document the patient posted
consent-patient-posted-delete = only the patient's attending physician (or the patient) may delete a document the patient posted
consent-patient-posted-hint = ask the patient's attending physician (médecin traitant DMP), or the patient in Mon espace santé
consent-own-only = { $who } may { $what } only for the documents they wrote, and this one has another author
consent-own-only-delete-hint = only the author can delete a document (C8); ask its author
consent-own-only-hint = ask the document's author, or the patient's attending physician
consent-structure-only = a structure deletes only the documents of the structure, and this one comes from another
consent-structure-only-hint = ask the document's author or their structure

consent-mode-emergency = emergency (bris de glace)
consent-mode-regulation = regulation (centre 15)
consent-normal-only = { $mode } access is not open to { $who }
consent-normal-only-hint = leave out --mode: the DMP's rights matrix gives this user normal access only
consent-emergency-structure = emergency access (bris de glace) is not possible with a structure certificate
consent-emergency-structure-hint = the DMP allows emergency access with the practitioner's CPS card only (direct mode): insert the card and use --credential card

consent-matrix = the DMP's rights matrix does not allow { $who } to { $what }
consent-matrix-hint-occupational-retrieve = the DMP lets an occupational doctor see the documents' metadata but retrieve no content at all, not even their own documents; ask the patient or their attending physician for the document
consent-matrix-hint-structure-change = a structure certificate or a CPE may only delete the structure's documents; change a document's visibility or archive it with the practitioner's CPS card (--credential card)
consent-matrix-hint-structure = a structure certificate or a CPE does not consult the DMP: the matrix gives them the existence test, the list of authorized DMPs and the structure's own documents; consult with the practitioner's CPS card (--credential card)
consent-matrix-hint-mode = the DMP does not allow this in emergency or regulation mode: do it in normal mode
consent-matrix-hint-remove-attending = only the patient's attending physician (médecin traitant DMP) can give up that role: `dmp patient status` shows whether you are
consent-matrix-hint = the DMP's rights matrix does not give this right to this user: retrying will not help

consent-closed-on-utc = on { $date } UTC
consent-closed-on = on { $date }
consent-closed = the patient's DMP was closed{ $when }{ $why }: nothing can be read or added
consent-closed-hint = a closed DMP can be neither read nor fed; the patient can reopen it in Mon espace santé
consent-no-dmp = the patient has no DMP
consent-no-dmp-hint = check the INS; the patient can open their DMP in Mon espace santé
consent-blocked = the patient has blocked your access to their DMP{ $why }
consent-blocked-hint = a patient's block applies in every mode, emergency and regulation included, with or without an authorization; only the patient can lift it
consent-opposed-emergency = the patient opposed emergency access (bris de glace) to their DMP
consent-opposed-emergency-hint = the DMP cannot be opened in emergency mode; in normal mode it needs the patient's authorization
consent-opposed-regulation = the patient opposed regulation access (centre 15) to their DMP
consent-opposed-regulation-hint = the DMP cannot be opened by a medical regulation centre; in normal mode it needs the patient's authorization
consent-authorization-expired = your authorization on this DMP has expired
consent-authorization-expired-hint = once the patient consents, renew it: dmp patient authorize --ins …
consent-not-authorized = you are not authorized on this DMP
consent-not-authorized-hint = once the patient consents, declare it: dmp patient authorize --ins … (in an emergency: --mode emergency --reason "…")
consent-missing = the patient's consent to your access must be confirmed before declaring it
consent-missing-hint = ask the patient; then confirm at the prompt, or pass --patient-consent in a script

# The words of a refusal's rule, shown in the run's language (the rule itself, as the journal
# records it, stays as the reference writes it).
consent-rule-normal-only = normal access only
consent-rule-card-only = bris de glace with a CPS card only
consent-rule-expired = authorization EXPIRE
consent-rule-none = authorization NON_EXISTE
consent-rule-consent = patient's consent
consent-rule-declare = (declare an authorization)
consent-rule-become-attending = (become attending physician)
consent-rule-remove = (remove one's authorization)
consent-rule-stop-attending = (stop being attending physician)
consent-rule-metadata = (metadata search)
consent-rule-reference = (document reference)
consent-rule-mask = (mask to professionals)
consent-rule-unmask = (unmask to professionals)
consent-rule-show = (make visible to the patient)
consent-rule-archive = (archive or unarchive)
consent-rule-delete = (delete)
consent-rule-column = column
consent-rule-colon = :
