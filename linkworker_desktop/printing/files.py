"""Writing a finished PDF to disk: owner-only, and never half a file.

A printed plan or GP summary holds health information, so a saved copy is readable by its owner
only (0o600), whatever the umask. It is written beside its final name and renamed into place, so a
full disk or a pulled USB stick leaves the old file or the new one, never a torn one.
"""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600


def with_pdf_suffix(path: str | Path) -> Path:
    """The path with ".pdf" added when the person typed a name without it."""
    return with_suffix_added(path, ".pdf")


def with_suffix_added(path: str | Path, suffix: str) -> Path:
    """The path with suffix added when the person typed a name without it."""
    path = Path(path)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def write_private(path: Path, data: bytes) -> None:
    """Write data to path, readable and writable by the owner only; raises OSError on failure."""
    part = path.with_name(path.name + ".part")
    fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # an old .part file keeps its mode through O_CREAT
                os.fchmod(fh.fileno(), OWNER_ONLY)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
