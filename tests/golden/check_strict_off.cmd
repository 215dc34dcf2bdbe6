check ../data/ci_findings_warning.mb
