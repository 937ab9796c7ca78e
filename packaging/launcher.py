"""Entry point of the standalone build: the same as the `scorecard` command."""

import sys

from scorecard.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
