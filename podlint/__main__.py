"""``python -m podlint``."""

import sys

from podlint.cli import main

sys.exit(main())
