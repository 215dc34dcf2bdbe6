explain ../data/subyear.mb --data ../data/subyear.csv --rule YF --region 甲县
