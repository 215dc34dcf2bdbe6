eval ../data/attributes.mb --data ../data/attributes.csv --format html --fail-on none
