sql --help
