eval ../data/own_regions.mb --data ../data/own_regions.csv --format json
