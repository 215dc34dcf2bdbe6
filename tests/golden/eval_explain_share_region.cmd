explain ../data/share_region.mb --data ../data/share_region.csv --rule SH1 --region 乙市
