explain ../data/printed.mb --data ../data/printed.csv --rule B3 --region 丙市
