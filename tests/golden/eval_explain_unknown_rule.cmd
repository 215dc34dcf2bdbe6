explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule Z99 --region 南通市
