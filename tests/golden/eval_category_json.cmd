eval ../data/eval_forms.mb --data ../data/eval_forms.csv --category 绿色发展 --format json
