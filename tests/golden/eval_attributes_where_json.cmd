eval ../data/attributes.mb --data ../data/attributes.csv --where expected --format json
