"""Entry point of the frozen build (PyInstaller): the same `piket` command."""

import multiprocessing
import sys

from ui.app import main

if __name__ == "__main__":
    # a large CSV import makes its rows in a second process (app/store/visits/workers.py): in a
    # frozen build that process starts this same executable, which must then run the worker
    multiprocessing.freeze_support()
    sys.exit(main())
