eval ../data/subyear.mb --data ../data/subyear.csv --fail-on none
