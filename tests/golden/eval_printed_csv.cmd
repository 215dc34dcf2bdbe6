eval ../data/printed.mb --data ../data/printed.csv --format csv --fail-on none
