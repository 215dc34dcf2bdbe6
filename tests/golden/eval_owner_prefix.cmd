eval ../data/eval_forms.mb --data ../data/eval_forms.csv --owner 市科技
