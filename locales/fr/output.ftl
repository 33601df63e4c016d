# Comment les résultats, les avertissements et les erreurs s'affichent (src/cli/output.rs).

output-warning = avertissement : { $text }
output-error = erreur : { $text }
output-hint = conseil : { $text }
# Le résultat a été affiché avec ses avertissements ; ceci dit pourquoi le code de sortie n'est pas 0.
output-partial = partiel : { $text }
# Complète « impossible d'écrire … ».
output-the-output = la sortie
output-json-write = impossible d'écrire le JSON : { $error }
output-json-encode = impossible d'encoder le JSON : { $error }
output-csv-write = impossible d'écrire le CSV : { $error }
