eval ../hostile/_rules.mb --data - --data - --format csv < ../data/eval_stdin.csv
