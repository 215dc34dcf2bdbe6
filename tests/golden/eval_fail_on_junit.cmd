eval ../data/eval_forms.mb --data ../data/eval_forms.csv --plan forms_a --region 如东县 --fail-on missed,regressing,no-data --format junit
