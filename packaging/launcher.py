"""Entry point of the standalone build: the same as the `scorecard` command."""

import os
import sys

if os.environ.get("SCORECARD_STARTUP_PROBE") == "bare":
    # the self-test's and the benchmarks' floor: an empty Qt window from this same build,
    # shown before anything of Scorecard's command line is imported
    from scorecard.ui.startup_probe import bare_window

    sys.exit(bare_window())

from scorecard.cli.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
