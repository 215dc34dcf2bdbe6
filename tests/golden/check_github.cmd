check --format github ../data/ci_findings.mb
