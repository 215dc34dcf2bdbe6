check --format json ../data/subyear.mb
