# XDS : le registre et l'entrepôt de documents du DMP (ITI-18, ITI-41, ITI-43, ITI-57).

xds-registry-error = le registre du DMP a répondu par une erreur : { $code } : { $text }
xds-registry-failure-without-error = le registre du DMP a répondu Failure sans erreur
xds-registry-unknown-status = le registre du DMP a répondu un statut inconnu « { $status } »
xds-not-a-time = « { $value } » n'est pas une date XDS (AAAAMMJJ[hh[mm[ss]]], UTC)
xds-query-no-id = une recherche XDS par identifiant demande au moins un identifiant
xds-query-too-many-ids = une recherche XDS par identifiant porte au plus { $max } identifiants ({ $given } fournis)
xds-no-repository = les métadonnées du document { $document } au DMP ne nomment aucun entrepôt (repositoryUniqueId)
xds-hint-no-repository = le document ne peut pas être récupéré sans lui ; signalez-le au support du DMP avec l'identifiant unique du document
xds-retrieve-no-document = une demande de récupération porte au moins un document
xds-missing-mime-part = la réponse du DMP renvoie à une partie MIME absente ({ $href })
xds-not-base64 = le DMP a envoyé un document qui n'est pas en base64 : { $reason }
xds-retrieve-no-registry-response = le DMP a répondu à la récupération sans RegistryResponse
xds-document-response-without-document = le DMP a répondu par un DocumentResponse sans Document
xds-size-mismatch = document { $document } : { $received } octets reçus, le registre en annonce { $expected }
xds-hash-mismatch = document { $document } : l'empreinte SHA-1 { $got } ne correspond pas à celle du registre, { $expected }
xds-hint-retry-retrieval = le document a été abîmé en transit ou les métadonnées sont périmées : relancez la récupération
xds-bad-oid-root = « { $root } » n'est pas un OID sous lequel numéroter des documents
xds-update-needs-extrinsic-object = une mise à jour des métadonnées demande l'ExtrinsicObject du registre
xds-status-update-no-change = une mise à jour de statut doit changer le statut
xds-not-iti57 = { $code } n'est pas une mise à jour ITI-57
xds-signing-cert-unreadable = le certificat de signature est illisible : { $reason }
xds-bad-document-sha1 = empreinte SHA-1 incorrecte pour le document { $document }
xds-signing-time = heure de signature : { $reason }
