eval ../../rules/changzhou_2018.mb --data ../../examples/changzhou_2018/submission.csv --format junit
