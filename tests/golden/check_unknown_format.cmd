check --format xml ../data/every_construct.mb
