eval ../data/attributes.mb --data ../data/attributes.csv --binding --format junit
