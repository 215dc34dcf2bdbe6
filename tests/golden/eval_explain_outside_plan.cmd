explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule X01 --region 江苏省
