check ../data/bad_semantic.mb
