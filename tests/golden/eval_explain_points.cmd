explain ../data/points.mb --data ../data/points.csv --rule P1 --region 乙市
