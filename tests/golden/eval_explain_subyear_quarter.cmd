explain ../data/subyear.mb --data ../data/subyear.csv --rule QG --region 丙县
