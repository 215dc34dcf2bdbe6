sql ../sql/cases/precision.mb --dialect duckdb --as-of 2020
