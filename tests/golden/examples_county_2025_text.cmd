eval ../../examples/county_2025/plan.mb --data ../../examples/county_2025/submission.csv --format text
