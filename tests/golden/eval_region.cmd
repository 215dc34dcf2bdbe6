eval ../data/eval_forms.mb --data ../data/eval_forms.csv --region 如东县 --region 海州区
