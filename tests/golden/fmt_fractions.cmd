fmt ../data/share_unformatted.mb
