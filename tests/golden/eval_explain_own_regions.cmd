explain ../data/own_regions.mb --data ../data/own_regions.csv --rule R3 --region 某县
