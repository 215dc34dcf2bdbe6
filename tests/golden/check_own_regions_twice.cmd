check ../data/own_regions_twice.mb
