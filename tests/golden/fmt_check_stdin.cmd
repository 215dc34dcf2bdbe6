fmt --check - < ../data/fmt_unformatted.mb
