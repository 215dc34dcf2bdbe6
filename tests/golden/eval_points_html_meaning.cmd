eval ../data/points.mb --data ../data/points.csv --format html --fail-on none | grep -o "the value of 20[0-9]* is [^<]*"
