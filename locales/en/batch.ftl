# dmp push --batch: the manifest, the batch state and the run's verdict.

batch-cannot-open = cannot open the batch { $path }: { $error }
batch-cannot-open-hint = give a MANIFEST.csv or a directory of CDA files
batch-cannot-read-manifest = cannot read the manifest { $path }: { $error }
batch-cannot-read-directory = cannot read the directory { $path }: { $error }
batch-no-cda-file = the directory { $path } holds no CDA file (*.xml)
batch-no-cda-file-hint = a directory batch is CDA documents whose headers name their patients; for PDFs or text, write a MANIFEST.csv
batch-cannot-read-file = cannot read it: { $error }
batch-manifest = the manifest { $path }: { $problem }
batch-manifest-hint = its first line names the columns, among: { $columns }
batch-manifest-header = cannot read its header: { $error }
batch-manifest-unknown-column = unknown column '{ $column }'
batch-manifest-no-file-column = no 'file' column
batch-manifest-empty = it lists no document
batch-row-no-file = the row names no file
batch-row-not-yes-no = line { $line }: '{ $value }' is not yes or no (use 1/0, yes/no or true/false)
batch-state-unknown-status = unknown document status '{ $status }' in the batch state
batch-state-unusable = cannot use the batch state { $path }: { $error }
batch-state-unusable-hint = check the permissions and free space of the state directory
batch-state-no-dir = cannot find a state directory for the batch state
batch-state-no-dir-hint = set XDG_STATE_HOME (or HOME)
batch-state-dir-unusable = cannot use the batch state directory { $path }: { $error }
batch-state-dir-unusable-hint = check the permissions of the state directory (XDG_STATE_HOME)
batch-state-locked = another dmp is running the batch { $path }
batch-state-locked-hint = wait for it to finish, then run this batch again to see its summary
batch-state-encode = cannot write the batch state: { $error }
batch-state-damaged = the batch state { $path } is damaged: { $error }
batch-state-damaged-hint = move it away to start the batch afresh (documents already sent are then found by their uniqueIds only if the same state is kept)
batch-worker-panicked = a batch worker panicked
batch-already-present = found in the registry by its uniqueId: not sent again
batch-unknown-outcome = sent earlier with an unknown outcome, and the registry could not be asked: { $reason }
batch-verdict-hint = see the summary for each document's reason; running the same batch again retries the failed and unsent documents only
batch-verdict-partial = { $through } of { $documents } documents are in the DMP; { $missing } { $missing ->
    [one] is
   *[other] are
} not
batch-verdict-none = none of the { $documents } documents went through
batch-problem = { $field }: { $message }
