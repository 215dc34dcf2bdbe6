eval ../data/shard/plan.mb --data ../data/shard/data.csv --shard 4/3 --format json
