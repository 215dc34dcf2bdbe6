test ../data/ruletest_fail.mb
