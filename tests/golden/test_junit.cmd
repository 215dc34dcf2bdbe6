test --format junit ../data/ruletest_fail.mb ../data/ruletest_test.mb
