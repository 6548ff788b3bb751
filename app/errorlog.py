"""The logs in the user's data folder, shared by the window (ui/startup.py) and the `piket`
commands (app/cli):
- piket-error.log: unexpected errors, the traceback appended, the file kept under about a
  megabyte (the older part moves to piket-error.log.1) and readable by its owner only. The
  user is shown a short Indonesian message and this file's path.
- piket.log: what Piket did by itself (e.g. leftovers of interrupted runs removed), from the
  "piket" loggers; file names and sizes only, no personal data."""

from __future__ import annotations

import logging
import os
import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.outputs import PRIVATE_FILE_MODE

ERROR_LOG = "piket-error.log"
LOG = "piket.log"
LOG_LIMIT_BYTES = 1_000_000
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_log_path() -> Path:
    """piket-error.log in the data folder (computed on call: platformdirs reads the env)."""
    from app.paths import default_data_dir

    return default_data_dir() / ERROR_LOG


def log_exception(log_path: Path, info: ExcInfo) -> bool:
    """Append the traceback to the error log; False if that failed."""
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        if log_path.exists() and log_path.stat().st_size > LOG_LIMIT_BYTES:
            log_path.replace(log_path.with_name(log_path.name + ".1"))
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"=== {datetime.now().astimezone().isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(*info)))
    except OSError:
        return False
    return True


def install_log(log_path: Path) -> logging.Handler | None:
    """Notes of the "piket" loggers appended to `log_path` (once per process and file); None
    when it cannot be written."""
    logger = logging.getLogger("piket")
    for known in logger.handlers:
        if isinstance(known, logging.FileHandler) and known.baseFilename == str(log_path.absolute()):
            return known
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_path, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s: %(message)s"))
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    return handler
