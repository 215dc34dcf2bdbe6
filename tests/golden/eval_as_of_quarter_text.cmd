eval ../data/eval_forms.mb --data ../data/eval_forms.csv --as-of 2019Q3 --rule A01
