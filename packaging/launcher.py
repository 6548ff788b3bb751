"""Entry point of the frozen build (PyInstaller): the same `piket` command."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
