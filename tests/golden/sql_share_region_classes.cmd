sql ../data/share_region.mb --dialect postgresql | grep "^--   "
