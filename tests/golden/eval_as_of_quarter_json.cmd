eval ../data/eval_forms.mb --data ../data/eval_forms.csv --as-of 2018Q3 --plan forms_b --format json
