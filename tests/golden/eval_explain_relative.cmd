explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A13 --region 南通市
