check ../data/every_construct.mb
