eval ../data/eval_forms.mb --data ../data/eval_forms.csv --plan forms_b --region 南通市 --format junit
