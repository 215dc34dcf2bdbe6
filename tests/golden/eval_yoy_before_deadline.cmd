eval ../data/yoy.mb --data ../data/yoy.csv --as-of 2023 --fail-on none
