explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A12 --region 如东县
