merge ../data/shard/plan.mb ../data/shard/s1of2.json
