# Les sortes d'erreur (le tableau des codes de sortie de `dmp --help` et de la page de manuel),
# et les échecs d'écriture de la sortie de dmp.

error-kind-internal = erreur interne (un bogue : merci de le signaler)
error-kind-usage = ligne de commande incorrecte
error-kind-config = problème de configuration ou de profil
error-kind-reader = problème du service de cartes à puce (pcscd) ou du lecteur de carte
error-kind-card = carte absente, retirée, inconnue, occupée ou en erreur
error-kind-pin = code PIN erroné, bloqué, refusé ou indisponible
error-kind-network = échec réseau ou TLS
error-kind-server = le DMP a répondu par une erreur
error-kind-denied = refusé par les règles d'accès du DMP
error-kind-input = donnée mal formée (fichier, identifiant, valeur)
error-kind-check-failed = une vérification a échoué : dmp doctor (au moins une vérification) ou dmp audit verify (la chaîne du journal d'audit est rompue)
error-kind-partial = la réponse est partielle : des résultats manquent (ce qui a été reçu est affiché) ; pour push --batch, certains documents sont passés et d'autres non
error-kind-interrupted = interrompu (Ctrl-C)
error-kind-broken-pipe = la sortie a été fermée prématurément (`dmp … | head`) ; rien n'est affiché
error-kind-terminated = arrêté (SIGTERM)

error-cannot-write-closed = impossible d'écrire { $what } : le programme destinataire a fermé le flux
error-cannot-write = impossible d'écrire { $what } : { $reason }
error-the-output = la sortie
error-the-document = le document
