# Erreurs de ligne de commande (clap les trouve, dmp les dit : src/cli/usage.rs).

usage-unknown-argument = argument inattendu « { $arg } »
usage-missing-value = une valeur est requise pour « { $arg } », mais aucune n'a été donnée
usage-invalid-value = valeur « { $value } » invalide pour « { $arg } »
usage-possible-values = [valeurs possibles : { $values }]
usage-subcommands = [sous-commandes : { $names }]
usage-invalid-subcommand = sous-commande inconnue « { $name } »
usage-missing-required = arguments requis absents : { $args }
usage-missing-subcommand = « { $name } » demande une sous-commande, mais aucune n'a été donnée
usage-conflict = l'argument « { $arg } » ne peut pas être utilisé avec « { $other } »
usage-conflict-repeated = l'argument « { $arg } » ne peut pas être donné plusieurs fois
usage-conflict-others = l'argument « { $arg } » ne peut pas être utilisé avec un ou plusieurs des autres arguments donnés
usage-no-equals = un signe égal est nécessaire pour donner une valeur à « { $arg } »
usage-value-validation = valeur « { $value } » invalide pour « { $arg } » : { $reason }
usage-too-many-values = valeur inattendue « { $value } » pour « { $arg } » : aucune autre n'était attendue
usage-too-few-values = { $min } valeurs requises par « { $arg } » ; { $actual } seulement { $actual ->
        [one] a été donnée
       *[other] ont été données
    }
usage-wrong-number-of-values = { $expected } valeurs requises pour « { $arg } », mais { $actual } { $actual ->
        [one] a été donnée
       *[other] ont été données
    }
usage-invalid-utf8 = un ou plusieurs arguments ne sont pas en UTF-8 valide
usage-other = ligne de commande incorrecte
usage-command-required = une commande est requise
usage-command-required-hint = lancez `dmp --help` pour la liste des commandes
usage-suggest-subcommand = une sous-commande proche existe : « { $name } »
usage-suggest-subcommands = des sous-commandes proches existent : { $names }
usage-suggest-argument = un argument proche existe : « { $name } »
usage-suggest-arguments = des arguments proches existent : { $names }
usage-suggest-value = une valeur proche existe : « { $name } »
usage-suggest-values = des valeurs proches existent : { $names }
usage-tip-escape = pour passer « { $arg } » comme valeur, écrivez « -- { $arg } »
usage-usage = Utilisation : { $usage }
usage-more = Pour en savoir plus, essayez « { $flag } ».
usage-quoted = « { $name } »
usage-separator = {" ; "}
