"""Writing export files: never a half-written file under the chosen name.

Every export (calendars, contacts, JSON) streams its bytes through `write_files`, which
writes beside the target under temporary names and renames at the end; an error or a
cancel (the process killed) leaves nothing but, at worst, a hidden `.part` file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from models.errors import RapportError


class NothingToExportError(RapportError):
    """The choice selects nothing: an empty file is not written."""


def write_files(
    target: Path, parts: tuple[bytes, Iterator[bytes], bytes], *, max_bytes: int | None = None
) -> list[Path]:
    """Write head, records and tail to `target`, or with `max_bytes` to as many files of
    at most that size as it takes (`name-1.ics`, `name-2.ics`...), each whole (its own
    head and tail). Files are written beside the target under temporary names and renamed
    at the end: an error or a cancel leaves no half-written file. They hold personal data,
    so they are private to the user (0600), as the database is."""
    head, body, tail = parts
    temporaries: list[Path] = []
    out = None
    size = 0
    try:
        for component in body:
            full = max_bytes is not None and size + len(component) + len(tail) > max_bytes
            if out is None or (full and size > len(head)):
                if out is not None:
                    out.write(tail)
                    out.close()
                temporary = target.with_name(f".{target.name}.{len(temporaries) + 1}.part")
                temporaries.append(temporary)
                flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
                out = os.fdopen(os.open(temporary, flags, 0o600), "wb")
                out.write(head)
                size = len(head)
            out.write(component)
            size += len(component)
        if out is None:
            raise NothingToExportError()
        out.write(tail)
        out.close()
        out = None
        if len(temporaries) == 1:
            finals = [target]
        else:
            finals = [
                target.with_name(f"{target.stem}-{n}{target.suffix}")
                for n in range(1, len(temporaries) + 1)
            ]
        for temporary, final in zip(temporaries, finals, strict=True):
            temporary.replace(final)
        return finals
    except BaseException:
        if out is not None:
            with contextlib.suppress(OSError):  # on a full disk, flushing fails again
                out.close()
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)
        raise
