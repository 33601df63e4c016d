# Trust anchors (the IGC-Santé CA certificates) and chain checks.

anchors-unreadable = cannot read the trust-anchor file { $path }: { $error }
anchors-unreadable-hint = check the profile's trust_anchors or the --ca-file path
anchors-not-pem = { $path } is not a valid PEM file: { $error }
anchors-pem-hint = trust anchors are PEM certificates (-----BEGIN CERTIFICATE-----)
anchors-bad-certificate = { $path } holds a certificate that cannot be read: { $error }
anchors-no-certificate = { $path } holds no certificate
anchors-leaf-unreadable = the certificate cannot be read: { $error }
anchors-no-issuer = no trust anchor issued "{ $issuer }" (or its signature does not verify)
anchors-no-issuer-hint = add the IGC-Santé chain (root and intermediate CAs) to the profile's trust_anchors, or pass --ca-file
anchors-ca-out-of-date = the CA certificate "{ $subject }" is out of date (valid { $from } to { $to })
anchors-ca-out-of-date-hint = update the trust-anchor files with the current IGC-Santé chain
anchors-chain-too-long = the certificate chain is too long or loops
anchors-chain-too-long-hint = check the trust-anchor files
