merge ../data/shard/plan.mb ../data/shard/no_such.json
