eval ../data/subyear_parts.mb --data ../data/subyear_parts.csv --format summary --fail-on none
