explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A11 --region 南通市 --as-of 2019
