# Messages partagés par toutes les parties de dmp.

common-lang-name = français
