eval ../data/share_region.mb --data ../data/share_region.csv --format junit
