eval ../../rules/jiangyin_2018_2020.mb --data ../../examples/jiangyin_2018_2020/submission.csv --format text
