explain ../data/derived_units.mb --data ../data/derived_units.csv --rule U02 --region 甲市
