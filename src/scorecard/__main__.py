"""`python -m scorecard` — the same as the `scorecard` command."""

import sys

from scorecard.cli.main import main

sys.exit(main())
