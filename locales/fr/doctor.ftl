# dmp doctor : titres des vérifications, leurs résultats et les corrections proposées.

doctor-title-config = fichier de configuration valide
doctor-title-pcscd = service de cartes à puce (pcscd) joignable
doctor-title-readers = lecteur de carte trouvé
doctor-title-card = carte présente
doctor-title-atr = carte reconnue par son ATR
doctor-title-app = application CPS sélectionnable
doctor-title-certs = certificats lisibles
doctor-title-dates = certificats en cours de validité
doctor-title-chain = certificats rattachés à une autorité de confiance
doctor-title-pin-blocked = code PIN non bloqué
doctor-title-pin-tries = essais restants du code PIN
doctor-title-pkcs11-module = module PKCS#11 chargé
doctor-title-pkcs11-slots = emplacements et jetons PKCS#11
doctor-title-pkcs11-token = jeton PKCS#11 portant les certificats du professionnel
doctor-title-structure = certificat de structure lisible et en cours de validité
doctor-title-endpoint = adresse du DMP configurée
doctor-title-software = identifiants du logiciel configurés (lps_oid, lps_homologation, structure_id)
doctor-title-tls = établissement de la connexion TLS avec le DMP
doctor-title-clock = horloge synchronisée avec le DMP
doctor-title-cps-card = carte CPS
doctor-title-cps-card-pcsc = carte CPS via PC/SC

doctor-not-checked = non vérifié : { $because }
doctor-skip-indirect = le mode indirect utilise le certificat de structure, pas de carte
doctor-skip-no-endpoint = aucune adresse du DMP n'est configurée
doctor-skip-no-endpoint-hint = aucune adresse du DMP n'est configurée (renseignez `endpoint` dans le profil, ou passez --endpoint)
doctor-skip-no-endpoint-short = pas d'adresse du DMP
doctor-skip-no-credential = aucun moyen d'authentification utilisable (voir plus haut)
doctor-skip-no-tls = pas de session TLS
doctor-skip-token-pin = le jeton doit signer l'établissement de la connexion, ce qui demande le code PIN : lancez dmp doctor dans un terminal, ou passez --pin-file/--pin-stdin/--pin-env
doctor-skip-card-pin = la carte doit signer l'établissement de la connexion, ce qui demande le code PIN : lancez dmp doctor dans un terminal, ou passez --pin-file/--pin-stdin/--pin-env
doctor-skip-no-reader = pas de lecteur
doctor-skip-no-pcscd = pcscd n'est pas joignable
doctor-skip-no-card = pas de carte
doctor-skip-unknown-card = carte inconnue
doctor-skip-no-app = l'application CPS n'est pas lisible
doctor-skip-no-certs = les certificats ne sont pas lisibles
doctor-skip-pin-state = l'état du code PIN n'est pas lisible
doctor-skip-pkcs11 = la carte est accessible via le module PKCS#11
doctor-skip-no-pkcs11-module = pas de module PKCS#11
doctor-skip-no-token = pas de jeton
doctor-software = OID { $oid }, homologation { $homologation }, structure { $structure }
doctor-software-test = OID { $oid }, homologation { $homologation }, structure { $structure } (profil de test)
doctor-structure = { $subject } (structure { $structure }), valide jusqu'au { $until }
doctor-tls = { $version }, { $cipher }, serveur { $server }
doctor-clock-no-date = le serveur n'a pas envoyé d'en-tête Date
doctor-clock-no-date-fix = rien à faire ; l'horloge n'a pas pu être comparée
doctor-clock-behind = { $seconds } s de retard sur le DMP
doctor-clock-ahead = { $seconds } s d'avance sur le DMP
doctor-clock-warn-fix = synchronisez l'horloge (NTP) : le DMP vérifie les heures du VIHF et des documents
doctor-clock-off = l'horloge a { $detail }
doctor-clock-off-fix = synchronisez l'horloge sur un serveur de temps (NTP), au moins une fois par jour : le DMP refuse les assertions hors délai
doctor-pcscd-answers = pcscd répond
doctor-no-reader = aucun lecteur de carte n'est connecté
doctor-no-reader-fix = branchez le lecteur ; s'il est branché, vérifiez que son pilote (p. ex. libccid) est installé et redémarrez pcscd
doctor-card-in-pad = dans « { $reader } » (clavier PIN : oui, le code PIN se saisit sur le lecteur, sauf avec --no-pinpad)
doctor-card-in = dans « { $reader } » (clavier PIN : non)
doctor-atr-unknown = l'ATR { $atr } n'est pas celui d'une carte CPS
doctor-atr-unknown-fix = insérez une carte CPS3 de professionnel de santé ; s'il s'agit bien d'une carte CPS, signalez son ATR
doctor-card-serial = carte numéro { $serial }
doctor-no-profession = pas de profession
doctor-holder = { $name } { $id }, { $profession }{ $cached ->
    [yes] {" "}(en cache)
   *[no] {""}
}
doctor-cert-valid-from-to = certificat { $usage ->
    [authentication] d'authentification
   *[signature] de signature
} valide du { $from } au { $to }
doctor-valid-until-days = valides jusqu'au { $until } ({ $days ->
    [one] { $days } jour restant
   *[other] { $days } jours restants
})
doctor-valid-until-days-fix = commandez une carte renouvelée (ANS) avant l'expiration des certificats
doctor-valid-until = valides jusqu'au { $until }
doctor-out-of-date = hors validité : { $certificates }
doctor-out-of-date-fix = vérifiez l'horloge de l'ordinateur ; si elle est juste, la carte doit être renouvelée (ANS)
doctor-no-trust-anchor = aucune autorité de confiance n'est configurée
doctor-no-trust-anchor-fix = renseignez trust_anchors dans le profil (fichiers PEM de la chaîne IGC-Santé) ou passez --ca-file
doctor-cert-error = certificat { $usage ->
    [authentication] d'authentification
   *[signature] de signature
} : { $message }
doctor-chain-up-to = jusqu'à « { $root } »
doctor-no-pin-try = plus aucun essai de code PIN
doctor-no-pin-try-fix = débloquez d'abord le code PIN avec le code PUK de la carte
doctor-pin-verified = le code PIN est vérifié dans cette session de la carte
doctor-pin-verified-tries = non communiqué tant que le code PIN est vérifié
doctor-pin-not-blocked = non bloqué
doctor-pin-tries-left = { $tries ->
    [one] { $tries } essai restant (vérifié sans en consommer)
   *[other] { $tries } essais restants (vérifié sans en consommer)
}
doctor-pin-last-try-fix = un seul code PIN erroné de plus bloque la carte : assurez-vous du code PIN avant la prochaine utilisation ; un code PIN correct remet le compteur à zéro
doctor-pin-wrong-fix = un code PIN erroné a été saisi depuis le dernier code correct ; un code PIN correct remet le compteur à zéro
doctor-pkcs11-module = { $path } : { $description } { $version } de { $manufacturer } (Cryptoki { $cryptoki })
doctor-pkcs11-slot = emplacement { $id } « { $description } » : jeton « { $label } » ({ $manufacturer } { $model }, numéro { $serial }, PIN { $pin })
doctor-pkcs11-slot-empty = emplacement { $id } « { $description } » : pas de jeton
doctor-pkcs11-no-slot = aucun emplacement
doctor-pkcs11-token = « { $label } » dans « { $slot } » : { $name } { $id }, { $profession }{ $signature ->
    [no] , pas de certificat de signature
   *[yes] {""}
}
doctor-token-final-try = le jeton indique qu'il reste un essai (CKF_USER_PIN_FINAL_TRY)
doctor-token-final-try-fix = un code PIN erroné bloquerait maintenant la carte : retrouvez d'abord le bon code PIN
