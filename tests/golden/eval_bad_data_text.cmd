eval ../data/eval_forms.mb --data ../data/eval_forms_bad.csv --plan forms_a --region 南通市
