check ../data/import_cycle_a.mb
