sql ../data/printed.mb --dialect postgresql | grep "^--   "
