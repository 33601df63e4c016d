# Messages of the commands that have no catalogue file of their own.

commands-no-card-inserted = no card was inserted within { $seconds } s
commands-no-card-inserted-hint = insert the CPS card, chip first, into a contact reader
commands-report-date-type-authorization = authorization added since the date
commands-report-date-type-document = document added or changed since the date
commands-report-no-web-ps = no address for the DMP's web site for professionals (Web PS)
commands-report-no-web-ps-hint = add `web_ps_url = "https://…"` to the profile (the Web PS address of your DMP platform), or pass --web-ps-url URL
commands-report-bad-web-ps-hint = give the Web PS base address, scheme and host only, e.g. `https://host` (dmp adds /AccesDirect/HistoriqueAcces/<INS>)
commands-report-web-ps-not-address = web_ps_url "{ $url }" is not an address ({ $error })
commands-report-web-ps-not-https = web_ps_url "{ $url }" is not an https address (the Web PS is served over HTTPS only)
commands-report-web-ps-no-host = web_ps_url "{ $url }" names no host
commands-report-web-ps-query = web_ps_url "{ $url }" has a query or a fragment
