"""Writing an export file: whole, at once, and only in the folder chosen.

The new file is written under a temporary name beside the old one and then takes its name in
one step: a reader (or a crash) never sees half a file, and a link of that name is replaced by
the file, never followed to somewhere outside the folder.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import InvalidValueError, Problem, raise_problems


def write_replacing(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write ``path`` through ``write(file)``, which gets the new file open for binary writing,
    replacing what ``path`` was (a file, a link, nothing); return ``path``.

    Raises
    ------
    InvalidValueError
        The file could not be written or take its place (a full disk, a name too long, on
        Windows a program that has it open); what was there is left as it was.
    """
    # A short name beside it: a target whose name is near the system's limit still fits.
    temporary = path.with_name(f".{secrets.token_hex(4)}.tmp")
    try:
        # "x": a new file of our own, never one (or a link) that was there.
        with open(temporary, "xb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())  # on disk before it takes the name: whole even after a power cut
        try:  # as private as the file it replaces (a link is not followed to ask)
            old = os.stat(path, follow_symlinks=False)
            if stat.S_ISREG(old.st_mode):
                os.chmod(temporary, stat.S_IMODE(old.st_mode))
        except FileNotFoundError:
            pass
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        advice = "; if a program has it open, close it and try again" if isinstance(error, PermissionError) else ""
        raise_problems([Problem(str(path), "path", f"cannot be written ({error.strerror or error}){advice}",
                                InvalidValueError)])
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
