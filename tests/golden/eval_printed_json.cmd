eval ../data/printed.mb --data ../data/printed.csv --format json --trace --fail-on none
