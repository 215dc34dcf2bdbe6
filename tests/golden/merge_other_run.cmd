merge ../data/shard/plan.mb ../data/shard/s1of2.json ../data/shard/s3of3.json
