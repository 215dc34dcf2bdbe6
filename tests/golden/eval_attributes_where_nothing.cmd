eval ../data/attributes.mb --data ../data/attributes.csv --where expected --rule A4
