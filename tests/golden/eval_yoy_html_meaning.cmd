eval ../data/yoy.mb --data ../data/yoy.csv --format html --rule Y10 --rule Y11 | grep -o "the value of 20[0-9]* is [^<]*"
