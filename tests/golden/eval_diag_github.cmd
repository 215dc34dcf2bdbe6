eval ../data/eval_forms.mb --data ../data/eval_forms_bad.csv --diagnostics - --diag-format github --output /dev/null
