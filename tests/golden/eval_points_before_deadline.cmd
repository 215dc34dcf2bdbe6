eval ../data/points.mb --data ../data/points.csv --as-of 2023 --fail-on none
