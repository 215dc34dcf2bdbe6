check --format sarif --docs-url https://example.org/mubiao/docs ../data/no_such_file.mb
