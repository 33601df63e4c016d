# XDS: the DMP's registry and repository (ITI-18, ITI-41, ITI-43, ITI-57).

xds-registry-error = the DMP registry answered an error: { $code }: { $text }
xds-registry-failure-without-error = the DMP registry answered Failure without an error
xds-registry-unknown-status = the DMP registry answered an unknown status '{ $status }'
xds-not-a-time = '{ $value }' is not an XDS time (YYYYMMDD[hh[mm[ss]]], UTC)
xds-query-no-id = an XDS query by id needs at least one id
xds-query-too-many-ids = an XDS query by id carries at most { $max } ids ({ $given } given)
xds-no-repository = the DMP's metadata of document { $document } names no repository (repositoryUniqueId)
xds-hint-no-repository = the document cannot be retrieved without it; report it to the DMP's support with the document's unique id
xds-retrieve-no-document = a retrieve request needs at least one document
xds-missing-mime-part = the DMP's response refers to a MIME part that is not there ({ $href })
xds-not-base64 = the DMP sent a document that is not base64: { $reason }
xds-retrieve-no-registry-response = the DMP answered a retrieve without RegistryResponse
xds-document-response-without-document = the DMP answered a DocumentResponse without Document
xds-size-mismatch = document { $document }: received { $received } bytes, the registry says { $expected }
xds-hash-mismatch = document { $document }: SHA-1 { $got } does not match the registry's { $expected }
xds-hint-retry-retrieval = the document was damaged in transit or the metadata is stale: retry the retrieval
xds-bad-oid-root = "{ $root }" is not an OID to number documents under
xds-update-needs-extrinsic-object = a metadata update needs the registry's ExtrinsicObject
xds-status-update-no-change = a status update must change the status
xds-not-iti57 = { $code } is not an ITI-57 update
xds-signing-cert-unreadable = the signing certificate cannot be read: { $reason }
xds-bad-document-sha1 = bad SHA-1 of document { $document }
xds-signing-time = signing time: { $reason }
