# La carte CPS par PC/SC : lecteurs, carte, code PIN, fichiers et clés.

## Lecteurs et service de cartes à puce

card-service-hint-macos = le service de cartes à puce de macOS démarre à la demande : débranchez puis rebranchez le lecteur, et vérifiez qu'il apparaît dans Informations système > USB
card-service-hint-windows = démarrez le service Windows « Carte à puce » (services.msc, service SCardSvr) et branchez le lecteur
card-service-hint-linux = installez-le (Debian/Ubuntu : sudo apt install pcscd) et démarrez-le (sudo systemctl start pcscd.socket, ou pcscd --foreground)
card-service-not-running = le service de cartes à puce (pcscd) n'est pas démarré
card-no-reader = aucun lecteur de carte trouvé
card-no-reader-hint = branchez un lecteur de carte PC/SC (vérifiez que le système le voit avec `pcsc_scan`), puis réessayez
card-reader-unavailable = le lecteur de carte n'est plus disponible (débranché ?)
card-reader-unavailable-hint = rebranchez le lecteur et réessayez ; `dmp readers` liste les lecteurs
card-absent = aucune carte dans le lecteur
card-absent-in-reader = aucune carte dans le lecteur « { $reader } »
card-insert-or-wait-hint = insérez la carte CPS (puce en premier), ou utilisez --wait pour l'attendre
card-wait-timeout = aucune carte n'a été insérée à temps
card-wait-timeout-hint = insérez la carte CPS (puce en premier) et relancez la commande, ou donnez à --wait un délai plus long
card-removed-during-command = la carte a été retirée pendant la commande ; rien n'a été signé ni envoyé
card-reinsert-hint = réinsérez la carte et réessayez
card-removed = la carte a été retirée
card-reinsert-or-wait-hint = réinsérez la carte et réessayez (ou utilisez --wait)
card-reset-by-other = la carte a été réinitialisée par un autre programme pendant la commande ; rien n'a été signé ni envoyé, et le code PIN doit être saisi à nouveau
card-reset-by-other-hint = réessayez ; si cela se reproduit, fermez les autres programmes qui utilisent la carte (navigateur, outils CPS)
card-sharing-violation = un autre programme utilise la carte
card-sharing-violation-hint = fermez le programme qui utilise la carte (un navigateur, le gestionnaire de carte CPS, un autre dmp) et réessayez
card-unresponsive = la carte ne répond pas (insérée à l'envers, sale ou endommagée)
card-unresponsive-hint = retirez la carte, insérez-la puce en premier et réessayez ; essayez un autre lecteur si le problème persiste
card-unsupported = le lecteur ne sait pas dialoguer avec cette carte
card-unsupported-hint = vérifiez qu'il s'agit d'une carte CPS de professionnel de santé insérée puce en premier ; essayez un autre lecteur
card-protocol-mismatch = la carte et le lecteur n'ont pas pu s'accorder sur un protocole
card-protocol-mismatch-hint = retirez la carte, réinsérez-la et réessayez ; essayez un autre lecteur si le problème persiste
card-cancelled = l'opération sur la carte a été annulée
card-communication-failed = la communication avec la carte a échoué
card-communication-failed-hint = retirez la carte, réinsérez-la et réessayez ; si le problème persiste, redémarrez pcscd (sudo systemctl restart pcscd) et lancez `dmp doctor`
card-service-error = le service de cartes à puce a signalé une erreur : { $error }
card-service-error-hint = réessayez ; si le problème persiste, redémarrez pcscd (sudo systemctl restart pcscd) et lancez `dmp doctor`
card-no-reader-named = aucun lecteur nommé « { $name } »
card-no-reader-named-hint = les lecteurs sont : { $readers } ; donnez l'un de ces noms (ou une partie)
card-reader-ambiguous = « { $name } » correspond à plusieurs lecteurs : { $readers }
card-reader-ambiguous-hint = donnez une plus grande partie du nom du lecteur, ou son nom complet
card-reader-name-nul = un nom de lecteur contient un octet NUL
