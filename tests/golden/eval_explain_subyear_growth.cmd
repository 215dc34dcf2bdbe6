explain ../data/subyear.mb --data ../data/subyear.csv --rule YG --region 乙县
