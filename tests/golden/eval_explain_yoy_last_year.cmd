explain ../data/yoy.mb --data ../data/yoy.csv --rule Y4 --region 乙县
