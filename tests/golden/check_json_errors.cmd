check --format json ../data/json_errors.mb
