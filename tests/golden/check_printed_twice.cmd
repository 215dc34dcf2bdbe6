check ../data/printed_twice.mb
