eval --format=summary --data ../data/eval_forms.csv -- ../data/eval_forms.mb
