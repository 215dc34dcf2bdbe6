eval ../data/eval_forms.mb --data ../data/eval_forms.csv --region 南通市 --fail-on "missed, needs-acceleration" --format summary
