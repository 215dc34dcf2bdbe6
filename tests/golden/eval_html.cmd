eval ../data/eval_forms.mb --data ../data/eval_forms.csv --format html --region 如东县 --as-of 2018 --fail-on none
