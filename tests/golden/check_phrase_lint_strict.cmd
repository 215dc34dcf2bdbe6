check --strict --format github ../data/phrase_lint.mb
