eval ../data/shard/plan.mb --data ../data/shard/data.csv --shard 1/2 --format json --region 丙市
