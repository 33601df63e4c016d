# Messages partagés par toutes les parties de dmp.

lang-name = français
