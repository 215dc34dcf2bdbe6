eval ../data/eval_forms.mb --data ../data/eval_forms.csv --region 南通市 --fail-on needs-acceleration --format summary
