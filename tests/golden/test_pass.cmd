test --coverage ../data/ruletest_test.mb
