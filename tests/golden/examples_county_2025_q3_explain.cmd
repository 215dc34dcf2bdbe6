explain ../../examples/county_2025/plan.mb --data ../../examples/county_2025/submission.csv --as-of 2025Q3 --rule K01 --region 某县
