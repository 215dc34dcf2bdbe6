eval ../data/eval_forms.mb --data ../data/eval_forms.csv --plan forms_a --plan forms_b --format summary
