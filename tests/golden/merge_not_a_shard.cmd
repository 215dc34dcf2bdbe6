merge ../data/shard/plan.mb ../data/shard/report.json
