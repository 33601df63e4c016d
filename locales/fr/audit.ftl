# Les commandes du journal d'audit : dmp audit, dmp audit forward.

audit-no-data-dir = impossible de trouver un répertoire de données pour le journal d'audit
audit-no-data-dir-hint = définissez XDG_DATA_HOME (ou HOME)
audit-bad-time = { $flag } « { $value } » n'est ni une date ni une heure
audit-bad-time-hint = écrivez un jour sous la forme AAAA-MM-JJ (UTC), ou une heure sous la forme 2025-06-30T14:00:00Z
audit-filter-patient = patient { $patient }
audit-filter-practitioner = professionnel { $practitioner }
audit-filter-or = {" "}ou{" "}
audit-filter-mode = mode { $modes }
audit-filter-transaction = transaction { $transactions }
audit-filter-result = résultat { $results }
audit-filter-since = à partir du { $time }
audit-filter-until = avant le { $time }
audit-filter-none = aucun
audit-unreadable-time = l'enregistrement { $number } du journal d'audit a une heure illisible « { $time } »
audit-not-forwarded = le journal d'audit n'a pas été transmis au dépôt d'audit : { $error } ; ses enregistrements restent en attente jusqu'à la prochaine exécution ou `dmp audit forward`
audit-no-repository = aucun dépôt d'audit n'est configuré
audit-no-repository-hint = renseignez audit_repository = "hôte:port", audit_repository_ca, audit_repository_cert et audit_repository_key dans le profil (voir le README, « Audit repository »)
audit-chain-problem = { $kind ->
    [edited] modification
    [deleted] suppression
   *[reordered] réordonnancement
} à l'entrée { $entry } : { $detail }
