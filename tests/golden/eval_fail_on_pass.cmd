eval ../data/eval_forms.mb --data ../data/eval_forms.csv --plan forms_a --region 南通市 --fail-on regressing,error
