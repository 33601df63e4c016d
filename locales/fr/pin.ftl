# Le code PIN : ses sources, ses invites, ses erreurs (src/cli/pin.rs).

pin-no-terminal = un code PIN est nécessaire et aucun terminal ne permet de le demander
pin-no-terminal-hint = donnez-le avec --pin-file FICHIER, --pin-stdin ou --pin-env VARIABLE
pin-stdin-error = impossible de lire le code PIN sur l'entrée standard : { $error }
pin-env-unset = la variable d'environnement { $var } (--pin-env) n'est pas définie
pin-env-unset-hint = exportez-la avant de lancer dmp, ou choisissez une autre source du code PIN
# dialoguer ajoute « : » après l'invite : l'espace finale donne « restants) : ».
pin-prompt = Code PIN de la carte CPS ({ $tries ->
        [one] { $tries } essai restant
       *[other] { $tries } essais restants
    }){" "}
pin-read-error = impossible de lire le code PIN
pin-empty = le code PIN est vide ; rien n'a été envoyé à la carte
pin-empty-hint = le code PIN est le code à 4 chiffres de la carte CPS
pin-pad-prompt = Saisissez le code PIN de la carte CPS sur le clavier du lecteur de carte, puis appuyez sur sa touche OK ({ $tries ->
        [one] { $tries } essai restant
       *[other] { $tries } essais restants
    } ; { $seconds } s).
pin-pad-ignores = Le code PIN de { $flag } n'est pas utilisé avec un lecteur à clavier (ajoutez --no-pinpad pour l'utiliser).
pin-last-try-refused = il ne reste qu'un essai du code PIN : un code erroné bloquerait la carte, dmp ne le tentera donc pas sans confirmation
pin-last-try-refused-hint = lancez la commande dans un terminal et confirmez, ou débloquez/renouvelez la carte
pin-last-try-confirm = Il ne reste qu'UN essai du code PIN : un code erroné bloque la carte. Saisir le code PIN ?
pin-confirm-error = impossible de demander la confirmation
pin-interrupted = interrompu (Ctrl-C)
# L'erreur d'une invite suivie de sa cause.
pin-cause = { $message } : { $cause }
pin-file-error = impossible de lire le fichier du code PIN { $path } : { $error }
pin-file-error-hint = vérifiez le chemin de --pin-file et ses droits d'accès
pin-file-readable = le fichier du code PIN { $path } est lisible par d'autres utilisateurs : faites chmod 600
# Ce qui remplace le code PIN saisi une fois l’invite validée.
pin-hidden = [masqué]
pin-answer-yes = oui
pin-answer-no = non
