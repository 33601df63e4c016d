# Le rapport d'accès en page HTML (src/cli/report_html.rs) ; les textes sont échappés.

report-cannot-write = impossible d'écrire { $path } : { $error }
report-cannot-write-hint = choisissez un fichier dans un répertoire où vous pouvez écrire
report-is-a-directory = c'est un répertoire
report-counts = { $records } enregistrements : { $done } aboutis, { $by_client } refusés par les règles de dmp, { $by_dmp } refusés par le DMP, { $failed } en échec, { $unknown } inconnus ; { $emergency } en bris de glace, { $regulation } en régulation
report-title = Rapport d'accès au DMP
report-heading = Rapport d'accès : les accès au DMP enregistrés par dmp
report-generated = Généré
report-generated-by = { $time } par dmp { $version }
report-workstation = Poste de travail
report-journal = Journal
report-filters = Filtres
report-chain = Chaîne
report-chain-broken = ROMPUE : { $problem }. Le journal a été modifié en dehors de dmp ; ce rapport peut ne pas montrer ce qui s'est passé.
report-chain-intact = intacte : chaque enregistrement jusqu'à l'entrée { $entry } est tel qu'écrit ; dernière empreinte { $hash }
report-chain-empty = journal vide
report-records = Enregistrements
# The flags are given as marked-up words.
report-flags-legend = Signaux : { $emergency } accès en mode bris de glace, { $regulation } régulation médicale (centre 15), { $refused } refusé par les règles de dmp avant tout envoi ou par le DMP, { $failed } échec, { $unknown } la requête a pu atteindre le DMP mais son issue n'a pas été enregistrée. Les heures sont locales (les jours du graphique sont en UTC).
report-per-day = Accès par jour
report-legend-done = aboutis
report-legend-urgent = bris de glace ou régulation (aboutis)
report-legend-refused = refusés
report-legend-other = en échec ou inconnus
report-h-day = Jour
report-h-chart = Graphique
report-per-patient = Par patient
report-per-practitioner = Par professionnel
report-h-first = Premier
report-h-last = Dernier
report-h-time = Heure
report-h-credential = Moyen d'authentification
report-h-transaction = Transaction
report-credential-card = carte { $serial }
report-credential-structure = certificat de structure { $certificate }
report-user-on-host = { $user } sur { $host }
report-foot = Chaque enregistrement est écrit dans le journal d'audit local avant le départ de sa requête et complété après ; `dmp audit verify` vérifie qu'aucun n'a été modifié, supprimé ou réordonné. Le DMP garde ses propres traces de ces accès, que le patient voit dans Mon espace santé.
