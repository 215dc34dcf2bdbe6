eval ../data/printed.mb --data ../data/printed.csv --format junit --fail-on none
