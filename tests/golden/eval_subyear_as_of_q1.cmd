eval ../data/subyear.mb --data ../data/subyear.csv --as-of 2025Q1 --rule Y1 --rule YG --rule YF --fail-on none
