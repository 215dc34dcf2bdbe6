eval ../data/eval_forms.mb --data ../data/eval_forms.csv --format json --trace --region 如东县 --as-of 2018
