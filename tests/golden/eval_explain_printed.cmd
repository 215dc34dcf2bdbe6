explain ../data/printed.mb --data ../data/printed.csv --rule B1 --region 甲市
