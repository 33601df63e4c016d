
set edit:completion:arg-completer[dmp] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) DMP_COMPLETE="elvish" dmp -- $@words) | to-lines
}

