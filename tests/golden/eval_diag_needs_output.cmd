eval ../data/eval_forms.mb --data ../data/eval_forms_bad.csv --diagnostics -
