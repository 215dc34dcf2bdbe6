eval ../data/yoy.mb --data ../data/yoy.csv --plan yoy_2021_2025
