eval ../data/attributes.mb --data ../data/attributes.csv --where aspiration --where none --format csv
