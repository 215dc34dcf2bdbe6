sql ../sql/cases/hostile.mb --dialect spark --as-of 2020
