eval ../../rules/haizhou_2015.mb --data ../../examples/haizhou_2015/submission.csv --format json
