check ../data/points.mb ../hostile/empty_rules.mb ../hostile/only_comments.mb
