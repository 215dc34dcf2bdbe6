merge ../data/shard/plan.mb ../data/shard/s1of2.json ../data/shard/s2of2.json --data ../data/shard/data.csv
