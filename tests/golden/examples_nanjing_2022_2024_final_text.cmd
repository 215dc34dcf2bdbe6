eval ../../rules/nanjing_2022_2024.mb --data ../../examples/nanjing_2022_2024/submission.csv --format text
