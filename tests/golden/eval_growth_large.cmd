eval ../data/growth_large.mb --data ../data/growth_large.csv
