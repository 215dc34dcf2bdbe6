check ../data/share_factor_zero.mb
