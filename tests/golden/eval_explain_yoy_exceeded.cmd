explain ../data/yoy.mb --data ../data/yoy.csv --rule Y10 --region 甲县
