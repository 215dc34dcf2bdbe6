eval ../data/printed.mb --data ../data/printed.csv --fail-on none
