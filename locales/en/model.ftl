# Patient and practitioner identifiers (src/model/).

model-ins-length = the INS '{ $number }' has { $len } characters; an INS has 15 (13 + a 2-digit key)
model-ins-length-hint = type the 15 characters of the patient's INS, as returned by the INSi service
model-ins-key-not-numeric = the INS '{ $number }' ends with '{ $key }'; its last 2 characters are a numeric key (expected { $expected })
model-ins-key-mismatch = the INS '{ $number }' has the check key { $key }, but its 13 first characters give { $expected }
model-ins-key-mismatch-hint = one character is probably mistyped: check the INS against the patient's record
model-ins-not-authority = '{ $oid }' is not an INS authority OID
model-ins-authorities = use { $nir } (INS-NIR), { $nia } (INS-NIA), { $test } (test) or { $demo } (demo)
model-ins-not-body = '{ $text }' is not the 13-character body of an INS
model-ins-not-digits = the INS '{ $text }…' contains characters other than digits (only 2A/2B are allowed, at the department position)
model-ins-not-number = '{ $text }' is not a number
model-not-a-national-id = "{ $text }" is not a health professional's national identifier
model-not-a-national-id-hint = give the identifier with its type prefix: 8 followed by the 11-digit RPPS number, or 0 followed by the ADELI number
