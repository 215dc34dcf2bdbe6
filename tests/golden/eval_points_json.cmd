eval ../data/points.mb --data ../data/points.csv --format json --trace --region 甲市
