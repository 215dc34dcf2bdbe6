check ../data/bad_syntax.mb
