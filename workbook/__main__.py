"""``python -m workbook``: the ``workbook`` command (:mod:`workbook.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
