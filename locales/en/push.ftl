# dmp push: checks of the documents before they are sent, and the submission.

push-test-ins = the INS { $ins } is under a test authority, and this is not a test profile
push-replaces-not-oid = "{ $id }" is not a document uniqueId (an OID)
push-unknown-kind = not a CDA R2 document (XML), a PDF or a plain-text file
push-unreadable = cannot be read: { $error }
push-id-mismatch = the CDA's id { $id } is not the uniqueId { $given } recorded for it
push-test-unique-id = the uniqueId { $id } is under a test OID, and this is not a test profile
push-no-patient = a PDF or a text carries no patient: give --ins
push-no-type = give the document type (e.g. --type 11502-2)
push-unknown-type = the type { $code } is not in { $valueset }
push-replaced-missing = the document { $id } to replace is not in this patient's DMP
push-replaced-not-current = the document { $id } to replace is no longer the current version (it was replaced or deleted)
push-replaced-hint = check its uniqueId with dmp docs list --ins …
push-no-documents = a submission without documents
push-several-patients = { $other } is for another patient ({ $other_ins }) than { $first } ({ $first_ins }): one submission is for one patient
push-several-patients-hint = push each patient's documents in a command of their own
push-no-content-type = the content type is not in JDV_J59
