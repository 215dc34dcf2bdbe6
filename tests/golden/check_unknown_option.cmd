check --frobnicate ../data/every_construct.mb
