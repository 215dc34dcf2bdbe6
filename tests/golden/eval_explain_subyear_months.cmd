explain ../data/subyear.mb --data ../data/subyear.csv --rule Y1 --region 戊县
