explain ../data/yoy.mb --data ../data/yoy.csv --rule Y8 --region 甲县
