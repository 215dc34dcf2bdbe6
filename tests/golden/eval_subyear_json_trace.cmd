eval ../data/subyear.mb --data ../data/subyear.csv --format json --trace --region 乙县 --rule YG --fail-on none
