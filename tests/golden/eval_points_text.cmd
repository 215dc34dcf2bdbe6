eval ../data/points.mb --data ../data/points.csv --fail-on none
