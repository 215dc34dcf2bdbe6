fmt --diff ../data/printed_fmt.mb
