explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A15 --region 如东县
