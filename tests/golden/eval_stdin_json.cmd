eval ../hostile/_rules.mb --data - --format csv < ../data/eval_stdin.json
