eval ../data/subyear.mb --data ../data/subyear.csv --region 丙县 --format junit --fail-on none
