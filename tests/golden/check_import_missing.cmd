check ../data/import_missing.mb
