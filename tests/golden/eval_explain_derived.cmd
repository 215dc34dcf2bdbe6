explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A22 --region 南通市
