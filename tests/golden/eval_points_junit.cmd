eval ../data/points.mb --data ../data/points.csv --format junit --fail-on none
