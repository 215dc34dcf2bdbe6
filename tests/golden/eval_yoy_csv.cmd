eval ../data/yoy.mb --data ../data/yoy.csv --format csv
