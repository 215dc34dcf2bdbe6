merge ../data/shard/plan.mb
