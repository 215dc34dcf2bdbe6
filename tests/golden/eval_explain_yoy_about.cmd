explain ../data/yoy.mb --data ../data/yoy.csv --rule Y1 --region 甲县
