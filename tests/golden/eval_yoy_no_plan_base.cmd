eval ../data/yoy_no_base.mb --data ../data/yoy_no_base.csv
