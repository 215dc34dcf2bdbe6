fmt --write ../data/fmt_syntax_error.mb
