check ../data/printed.mb
