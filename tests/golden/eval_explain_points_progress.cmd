explain ../data/points.mb --data ../data/points.csv --rule P2 --region 丙市 --as-of 2023
