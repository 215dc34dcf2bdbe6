sql ../../rules/haizhou_2015.mb --dialect oracle
