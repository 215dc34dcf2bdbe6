explain ../data/printed.mb --data ../data/printed.csv --rule B6 --region 己市
