test --threshold 95 ../diag/examples/mb7001.mb ../data/ruletest_test.mb
