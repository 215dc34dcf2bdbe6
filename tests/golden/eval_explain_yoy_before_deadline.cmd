explain ../data/yoy.mb --data ../data/yoy.csv --rule Y6 --region 甲县 --as-of 2021
