# Le professionnel de santé, tel que le nomme le certificat d'authentification de la carte.

identity-unreadable = le certificat d'authentification de la carte est illisible ({ $error })
identity-unreadable-hint = retirez la carte, réinsérez-la et réessayez ; si la copie en cache est endommagée, dmp la relit sur la carte
identity-no-cn = le certificat d'authentification de la carte n'a pas de nom commun (CN)
identity-not-cps-hint = ce n'est pas un certificat personnel CPS : vérifiez qu'il s'agit de la carte CPS d'un professionnel de santé
identity-cn-not-national-id = le CN « { $cn } » du certificat de la carte n'est pas un identifiant national
