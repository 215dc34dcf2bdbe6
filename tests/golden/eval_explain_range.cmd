explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A10 --region 南通市
