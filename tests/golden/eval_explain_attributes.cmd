explain ../data/attributes.mb --data ../data/attributes.csv --rule A1 --region 甲市
