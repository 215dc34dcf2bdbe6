eval ../../rules/nantong_2018.mb --data ../../examples/nantong_2018/submission.csv --format json
