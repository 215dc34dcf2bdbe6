eval ../data/eval_forms.mb --data ../data/eval_forms.csv --fail-on borderline
