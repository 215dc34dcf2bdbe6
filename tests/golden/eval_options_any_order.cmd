eval --data ../data/eval_forms.csv ../data/eval_forms.mb --rule A01 --rule B01 --format=csv
