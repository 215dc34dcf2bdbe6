eval ../data/printed.mb --data ../data/printed.csv --format html --fail-on none | grep -o "[^>]*base 20[0-9]*: [^<]*"
