eval ../data/eval_forms.mb --data ../data/eval_forms.csv --plan forms_b --plan nope --format junit
