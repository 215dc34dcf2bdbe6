eval ../data/shard/plan.mb --data ../data/shard/data.csv --shard 2/2 --format json
