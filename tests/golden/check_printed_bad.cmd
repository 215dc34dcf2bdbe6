check ../data/printed_bad.mb
