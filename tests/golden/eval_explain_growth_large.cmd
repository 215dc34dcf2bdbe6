explain ../data/growth_large.mb --data ../data/growth_large.csv --rule L01 --region 乙市
