# How results, warnings and errors are printed (src/cli/output.rs).

output-warning = warning: { $text }
output-error = error: { $text }
output-hint = hint: { $text }
# The result was printed with its warnings; this says why the exit code is not 0.
output-partial = partial: { $text }
# Fills "cannot write …".
output-the-output = the output
output-json-write = cannot write JSON: { $error }
output-json-encode = cannot encode JSON: { $error }
output-csv-write = cannot write CSV: { $error }
