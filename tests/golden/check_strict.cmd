check --strict ../data/ci_findings_warning.mb
