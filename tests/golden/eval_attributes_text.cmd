eval ../data/attributes.mb --data ../data/attributes.csv
