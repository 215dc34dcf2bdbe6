explain ../data/eval_forms.mb --data ../data/eval_forms.csv --rule A01 --region 如东县 --format json --output x.txt
