eval ../data/yoy.mb --data ../data/yoy.csv --format json --trace --region 甲县
