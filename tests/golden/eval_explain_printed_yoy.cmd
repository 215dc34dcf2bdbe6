explain ../data/printed.mb --data ../data/printed.csv --rule B7 --region 庚市
