fmt --check ../data/fmt_unformatted.mb ../data/every_construct.mb ../data/fmt_unformatted.mb
