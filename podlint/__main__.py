"""``python -m podlint``."""

import sys

from podlint.cli import console_main

sys.exit(console_main())
