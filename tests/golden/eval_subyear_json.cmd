eval ../data/subyear.mb --data ../data/subyear.csv --region 乙县 --format json --fail-on none
