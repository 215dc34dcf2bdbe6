check --format sarif --docs-url https://example.org/mubiao/docs ../data/ci_findings.mb
