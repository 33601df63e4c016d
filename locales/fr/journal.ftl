# Le journal d'audit local, sa transmission au dépôt d'audit, et les marqueurs de dernière visite.

journal-no-data-dir = impossible de trouver un répertoire de données pour le journal d'audit
journal-no-data-dir-hint = définissez XDG_DATA_HOME (ou HOME) : chaque requête au DMP est journalisée avant son envoi
journal-not-found = aucun journal d'audit à l'emplacement { $path }
journal-not-found-hint = indiquez un fichier audit.sqlite3 existant
journal-busy = le journal d'audit { $path } est resté verrouillé par un autre processus dmp pendant { $seconds } s ; rien n'a été envoyé
journal-cannot-write = impossible d'écrire dans le journal d'audit { $path } : { $error } ; rien n'a été envoyé
journal-cannot-open = impossible d'ouvrir le journal d'audit { $path } : { $error } ; rien n'a été envoyé
journal-nothing-sent-hint = chaque requête au DMP est journalisée avant son envoi : vérifiez l'espace disque et les droits de ce fichier et de son répertoire ($XDG_DATA_HOME/dmp)
journal-cannot-read = impossible de lire le journal d'audit { $path } : { $error }
journal-cannot-read-hint = vérifiez que le fichier est un journal d'audit écrit par dmp, ainsi que ses droits

journal-out-of-order = le journal a fourni des enregistrements dans le désordre ({ $first } puis { $second })
journal-forward-stopped = { $error } ; { $sent ->
    [one] { $sent } enregistrement envoyé
   *[other] { $sent } enregistrements envoyés
} au dépôt d'audit avant cela, les enregistrements à partir du numéro { $first } restent en attente
journal-cannot-lock = impossible de verrouiller { $path } pour transmettre le journal d'audit : { $error }
journal-cannot-lock-hint = vérifiez les droits du répertoire du journal

journal-visits-no-dir = impossible de trouver un répertoire d'état pour les marqueurs de dernière visite
journal-visits-no-dir-hint = définissez XDG_STATE_HOME (ou HOME)
journal-visits-damaged = le fichier des dernières visites { $path } est endommagé : { $error }
journal-visits-damaged-hint = supprimez-le : le prochain `dmp docs list --new-since-last-visit` affichera alors tous les documents comme nouveaux
journal-visits-version = le fichier des dernières visites { $path } est en version { $version }, ce dmp lit la version { $expected }
journal-visits-version-hint = utilisez le dmp qui l'a écrit, ou supprimez le fichier
journal-visits-encode = impossible d'encoder les dernières visites : { $error }
journal-visits-io = impossible { $action ->
    [read] de lire le
    [write] d'écrire le
    [lock] de verrouiller le
   *[directory] de créer le répertoire du
} fichier des dernières visites { $path } : { $error }
journal-visits-io-hint = vérifiez le disque et les droits de ce répertoire

journal-old-unreadable = impossible de lire l'ancien journal d'audit { $path } : { $error }
journal-old-unreadable-hint = il est importé dans le nouveau journal à la première utilisation : vérifiez ses droits
journal-old-damaged-line = la ligne { $line } de l'ancien journal d'audit { $path } est endommagée ({ $error }) : elle ne peut pas être importée
journal-old-damaged-line-hint = réparez ou supprimez cette ligne (gardez-en une copie), puis relancez dmp : le journal est importé en entier ou pas du tout, et rien n'est envoyé avant
journal-old-not-renamed = { $path } a été importé dans le journal d'audit, mais ne peut pas être renommé : { $error }
journal-old-not-renamed-hint = renommez-le vous-même en audit.jsonl.migrated (il est déjà importé)

journal-repository-bad-host = audit_repository = "{ $address }" : « { $host } » n'est ni un nom d'hôte ni une adresse IP
journal-repository-bad-host-hint = écrivez-le sous la forme hôte:port, p. ex. audit.cabinet.example:6514
journal-repository-bad-anchor = audit_repository_ca : un certificat de { $path } ne peut pas servir d'autorité de confiance : { $error }
journal-repository-bad-key = audit_repository_key : impossible de lire une clé privée dans { $path } : { $error }
journal-repository-bad-key-hint = indiquez le fichier PEM de la clé de audit_repository_cert (PKCS#8, PKCS#1 ou SEC1)
journal-repository-tls-config = configuration TLS : { $error }
journal-repository-key-mismatch = audit_repository_cert et audit_repository_key ne peuvent pas être utilisés ensemble : { $error }
journal-repository-key-mismatch-hint = la clé doit correspondre à la clé publique du certificat
journal-repository-tls-client = client TLS : { $error }
journal-repository-handshake-failed = l'établissement de la connexion TLS a échoué
journal-repository-send-failed = l'envoi de l'enregistrement { $record } a échoué
journal-repository-close-failed = la fermeture de la connexion a échoué
journal-repository-unconfirmed = le dépôt n'a pas confirmé les messages (pas de fermeture ordonnée)
journal-repository-cannot-resolve = impossible de résoudre { $host } : { $error }
journal-repository-socket-options = options de la socket : { $error }
journal-repository-unreachable = impossible de joindre le dépôt d'audit { $address } : { $error }
journal-repository-no-address = { $host } n'a pas d'adresse
journal-repository-unreachable-hint = vérifiez que le dépôt d'audit (syslog sur TLS) écoute sur { $address } ; les enregistrements restent en attente dans le journal et seront envoyés la prochaine fois
journal-repository-tls-hint = vérifiez audit_repository_ca (l'autorité du certificat du dépôt, qui doit nommer l'hôte de audit_repository) et audit_repository_cert (notre certificat, auquel le dépôt doit faire confiance) ; les enregistrements restent en attente
journal-repository-timeout-hint = le dépôt n'a pas répondu dans les { $seconds } s ; les enregistrements non confirmés restent en attente et seront renvoyés la prochaine fois
journal-repository-closed-hint = le dépôt a fermé la connexion : il refuse peut-être notre certificat client (fait-il confiance à l'autorité de audit_repository_cert ?) ou s'est arrêté ; les enregistrements non confirmés restent en attente et seront renvoyés la prochaine fois
journal-repository-error = dépôt d'audit { $address } : { $what } : { $error }
journal-repository-bad-address = audit_repository = "{ $address }" n'est pas de la forme hôte:port
journal-repository-bad-address-hint = écrivez-le sous la forme hôte:port, p. ex. audit.cabinet.example:6514 (6514 est le port de syslog sur TLS)
journal-repository-bad-certs = { $key } : impossible de lire les certificats de { $path } : { $error }
journal-repository-no-certs = { $key } : { $path } ne contient aucun certificat
journal-repository-pem-hint = indiquez un fichier PEM (-----BEGIN CERTIFICATE-----)

# dmp audit verify : où la chaîne du journal est rompue.
journal-verify-head-deleted = la tête du journal (l'enregistrement de sa dernière entrée) a été supprimée
journal-verify-all-missing = toutes les entrées manquent : le journal en comptait { $count }
journal-verify-end-deleted = le journal s'arrête à l'entrée { $end }, mais sa dernière entrée écrite était la { $last } ({ $written } entrées écrites, { $left } restantes) : des entrées ont été supprimées à la fin
journal-verify-added = des entrées postérieures à la { $last }, la dernière écrite par dmp, ont été ajoutées en dehors de dmp
journal-verify-edited = le contenu de l'entrée { $entry } ne correspond plus à l'empreinte avec laquelle elle a été écrite
journal-verify-first-moved = l'entrée { $entry } a été écrite en premier, mais se trouve maintenant après l'entrée { $previous }
journal-verify-moved = l'entrée { $entry } a été écrite juste après l'entrée désormais numérotée { $other }, mais se trouve maintenant après l'entrée { $previous }
journal-verify-moved-first = l'entrée { $entry } a été écrite juste après l'entrée désormais numérotée { $other }, mais se trouve maintenant en tête
journal-verify-start-missing = les entrées antérieures à l'entrée { $entry }, la première restante, manquent
journal-verify-one-missing = l'entrée { $missing } manque, entre l'entrée { $previous } ({ $time }) et l'entrée { $entry }
journal-verify-some-missing = les entrées { $from } à { $to } manquent, entre l'entrée { $previous } ({ $time }) et l'entrée { $entry }
journal-verify-rewritten = l'entrée { $previous } n'est pas celle à laquelle l'entrée { $entry } était chaînée : elle a été réécrite avec une empreinte recalculée (ou des entrées ont été supprimées après elle et les numéros resserrés)

# Pourquoi un fichier de journal est inutilisable (après « impossible de lire le journal d'audit … : »).
journal-store-not-wal = SQLite n'a pas pu passer le journal en mode WAL (il est en mode { $mode })
journal-store-newer = il a été écrit par un dmp plus récent (format de journal { $version }, ce dmp connaît le { $known })
journal-store-not-journal = ce n'est pas un journal d'audit
journal-store-other-sqlite = c'est un fichier SQLite d'autre chose que le journal d'audit de dmp
journal-store-unknown-result = l'enregistrement { $record } a un résultat inconnu « { $result } »
journal-store-damaged-documents = l'enregistrement { $record } a une liste de documents endommagée : { $error }
