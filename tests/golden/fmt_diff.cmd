fmt --diff ../data/fmt_unformatted.mb
