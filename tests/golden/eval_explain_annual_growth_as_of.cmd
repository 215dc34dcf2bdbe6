explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A16 --region 如东县 --as-of 2018
