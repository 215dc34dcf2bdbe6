eval ../../rules/nanjing_2022_2024.mb --data ../../examples/nanjing_2022_2024/submission.csv --as-of 2023 --format csv
