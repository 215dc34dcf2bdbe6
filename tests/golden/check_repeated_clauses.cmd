check ../data/repeated_clauses.mb
