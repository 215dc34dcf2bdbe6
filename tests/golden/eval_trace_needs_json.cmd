eval ../data/eval_forms.mb --data ../data/eval_forms.csv --trace
