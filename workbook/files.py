"""Writing an export file: whole, at once, and only in the folder chosen.

The new file is written under a temporary name beside the old one and then takes its name in
one step: a reader (or a crash) never sees half a file, and a link of that name is replaced by
the file, never followed to somewhere outside the folder.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable

from .errors import InvalidValueError, Problem, raise_problems


def write_replacing(path: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write ``path`` through ``write(file)``, which gets the new file open for binary writing,
    replacing what ``path`` was (a file, a link, nothing); return ``path``.

    Raises
    ------
    InvalidValueError
        The file could not take its place (on Windows, while a program has it open).
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        # "x": a new file of our own, never one (or a link) that was there.
        with open(temporary, "xb") as file:
            write(file)
        os.replace(temporary, path)
    except PermissionError as error:
        temporary.unlink(missing_ok=True)
        raise_problems([Problem(str(path), "path", f"cannot be written ({error.strerror}); if a program has "
                                "it open, close it and try again", InvalidValueError)])
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
