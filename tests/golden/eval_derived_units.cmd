eval ../data/derived_units.mb --data ../data/derived_units.csv
