sql ../data/points.mb --dialect postgresql | grep "^--   "
