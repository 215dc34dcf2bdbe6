eval ../hostile/_rules.mb --data - --data ../data/eval_stdin.csv --format csv < ../data/eval_stdin_cr.csv
