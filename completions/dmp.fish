complete --keep-order --exclusive --command dmp --arguments "(DMP_COMPLETE=fish dmp -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
