test --threshold 101 ../data
