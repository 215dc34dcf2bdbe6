test --format json --coverage ../data/ruletest_fail.mb
