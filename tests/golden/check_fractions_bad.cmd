check ../data/fraction_zero.mb ../data/share_factor_zero.mb ../data/fraction_divisor.mb
