check ../data/own_regions_bad.mb
