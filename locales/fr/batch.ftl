# dmp push --batch : le manifeste, l'état du lot et le bilan de l'exécution.

batch-cannot-open = impossible d'ouvrir le lot { $path } : { $error }
batch-cannot-open-hint = indiquez un MANIFEST.csv ou un répertoire de fichiers CDA
batch-cannot-read-manifest = impossible de lire le manifeste { $path } : { $error }
batch-cannot-read-directory = impossible de lire le répertoire { $path } : { $error }
batch-no-cda-file = le répertoire { $path } ne contient aucun fichier CDA (*.xml)
batch-no-cda-file-hint = un lot sous forme de répertoire contient des documents CDA dont l'en-tête désigne le patient ; pour des PDF ou du texte, rédigez un MANIFEST.csv
batch-cannot-read-file = illisible : { $error }
batch-manifest = le manifeste { $path } : { $problem }
batch-manifest-hint = sa première ligne nomme les colonnes, parmi : { $columns }
batch-manifest-header = son en-tête est illisible : { $error }
batch-manifest-unknown-column = colonne inconnue '{ $column }'
batch-manifest-no-file-column = pas de colonne 'file'
batch-manifest-empty = il ne liste aucun document
batch-row-no-file = la ligne ne nomme aucun fichier
batch-row-not-yes-no = ligne { $line } : '{ $value }' n'est ni oui ni non (utilisez 1/0, yes/no ou true/false)
batch-state-unknown-status = statut de document inconnu '{ $status }' dans l'état du lot
batch-state-unusable = impossible d'utiliser l'état du lot { $path } : { $error }
batch-state-unusable-hint = vérifiez les droits et l'espace libre du répertoire d'état
batch-state-no-dir = impossible de trouver un répertoire d'état pour l'état du lot
batch-state-no-dir-hint = définissez XDG_STATE_HOME (ou HOME)
batch-state-dir-unusable = impossible d'utiliser le répertoire d'état des lots { $path } : { $error }
batch-state-dir-unusable-hint = vérifiez les droits du répertoire d'état (XDG_STATE_HOME)
batch-state-locked = un autre dmp exécute le lot { $path }
batch-state-locked-hint = attendez qu'il se termine, puis relancez ce lot pour voir son bilan
batch-state-encode = impossible d'écrire l'état du lot : { $error }
batch-state-damaged = l'état du lot { $path } est endommagé : { $error }
batch-state-damaged-hint = déplacez-le pour reprendre le lot de zéro (les documents déjà envoyés ne sont retrouvés par leur identifiant unique que si le même état est conservé)
batch-worker-panicked = un fil de traitement du lot s'est arrêté anormalement
batch-already-present = trouvé dans le registre par son identifiant unique : non renvoyé
batch-unknown-outcome = envoyé précédemment avec un résultat inconnu, et le registre n'a pas pu être interrogé : { $reason }
batch-verdict-hint = consultez le bilan pour la raison propre à chaque document ; relancer le même lot ne renvoie que les documents en échec ou non envoyés
batch-verdict-partial = { $through } documents sur { $documents } sont dans le DMP ; { $missing ->
    [one] { $missing } n'y est pas
   *[other] { $missing } n'y sont pas
}
batch-verdict-none = aucun des { $documents } documents n'a abouti
batch-problem = { $field } : { $message }
