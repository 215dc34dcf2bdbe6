check --format junit ../data/ci_findings.mb ../data/ci_findings_warning.mb
