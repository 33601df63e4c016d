# Identifiants du patient et du professionnel (src/model/).

model-ins-length = l'INS '{ $number }' a { $len } caractères ; un INS en a 15 (13 + une clé à 2 chiffres)
model-ins-length-hint = saisissez les 15 caractères de l'INS du patient, tel que le renvoie le téléservice INSi
model-ins-key-not-numeric = l'INS '{ $number }' se termine par '{ $key }' ; ses 2 derniers caractères sont une clé numérique (attendue : { $expected })
model-ins-key-mismatch = l'INS '{ $number }' a la clé de contrôle { $key }, mais ses 13 premiers caractères donnent { $expected }
model-ins-key-mismatch-hint = un caractère est probablement mal saisi : vérifiez l'INS dans le dossier du patient
model-ins-not-authority = '{ $oid }' n'est pas l'OID d'une autorité d'affectation de l'INS
model-ins-authorities = utilisez { $nir } (INS-NIR), { $nia } (INS-NIA), { $test } (test) ou { $demo } (démonstration)
model-ins-not-body = '{ $text }' n'est pas le corps de 13 caractères d'un INS
model-ins-not-digits = l'INS '{ $text }…' contient d'autres caractères que des chiffres (seuls 2A/2B sont admis, à la place du département)
model-ins-not-number = '{ $text }' n'est pas un nombre
model-not-a-national-id = « { $text } » n'est pas l'identifiant national d'un professionnel de santé
model-not-a-national-id-hint = donnez l'identifiant avec son préfixe de type : 8 suivi du numéro RPPS à 11 chiffres, ou 0 suivi du numéro ADELI
