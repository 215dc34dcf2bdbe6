sql ../../rules/haizhou_2015.mb --run 'host=/tmp' --dialect duckdb
