eval ../data/subyear.mb --data ../data/subyear.csv --region 甲县 --format html --fail-on none
