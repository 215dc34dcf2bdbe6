explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A07 --region 如东县
