explain ../data/yoy.mb --data ../data/yoy.csv --rule Y3 --region 甲县
