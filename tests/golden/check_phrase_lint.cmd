check ../data/phrase_lint.mb
