check ../data/thousands_separator.mb
