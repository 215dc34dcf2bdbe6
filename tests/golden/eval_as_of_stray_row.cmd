eval ../data/eval_forms.mb --data ../data/eval_forms.csv --data ../data/eval_forms_stray_2099.csv --rule A06
