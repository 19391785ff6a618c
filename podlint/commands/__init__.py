"""One module per command; ``podlint.cli`` parses the command line and calls into them."""
