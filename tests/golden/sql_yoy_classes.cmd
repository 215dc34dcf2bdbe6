sql ../data/yoy.mb --dialect postgresql | grep "^--   "
