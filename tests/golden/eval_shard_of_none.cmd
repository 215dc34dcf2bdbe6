eval ../data/shard/plan.mb --data ../data/shard/data.csv --shard 1/0 --format json
