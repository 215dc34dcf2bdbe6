check --format json ../data/every_construct.mb
