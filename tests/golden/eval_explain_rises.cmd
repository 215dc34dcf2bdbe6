explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A17 --region 如东县
