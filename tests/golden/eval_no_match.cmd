eval ../data/eval_forms.mb --data ../data/eval_forms.csv --region 不存在
