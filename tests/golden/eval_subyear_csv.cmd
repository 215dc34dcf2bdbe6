eval ../data/subyear.mb --data ../data/subyear.csv --format csv --fail-on none
