fmt ../data/fmt_unformatted.mb
