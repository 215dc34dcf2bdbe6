eval ../data/points.mb --data ../data/points.csv --format csv --fail-on none
