explain ../data/printed.mb --data ../data/printed.csv --rule B4 --region 丁市
