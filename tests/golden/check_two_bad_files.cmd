check ../data/bad_syntax.mb ../data/bad_semantic.mb
