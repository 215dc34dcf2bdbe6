fmt --check ../data/no_such_file.mb
