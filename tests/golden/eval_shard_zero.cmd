eval ../data/shard/plan.mb --data ../data/shard/data.csv --shard 0/3 --format json
