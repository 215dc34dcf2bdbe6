explain ../data/eval_forms.mb --data ../data/eval_forms_bad.csv --rule A01 --region 南通市
