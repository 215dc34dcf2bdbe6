eval ../data/subyear.mb --data ../data/subyear_parts.csv --rule Y1 --format summary --fail-on none
