"""Reading a kit file's bytes safely: the kind and size are checked before a byte is read.

Light on purpose (no YAML, no pydantic): the kit library hashes these bytes to recognise a
file it has stored before. A device (/dev/zero), a named pipe (which would block a plain
`open`), a folder or a file over the size cap each get one sentence; nothing unbounded is
ever read or hashed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scorecard.kits.problems import KitError, KitProblem

#: A hand-written kit is tens of KB; anything this large is the wrong file, and parsing it would hang.
MAX_KIT_BYTES = 2_000_000


def _fail(filename: str, message: str, line: int | None = None, column: int | None = None) -> KitError:
    return KitError([KitProblem(filename, line, column, "", message)])


def read_kit_bytes(path: Path, filename: str | None = None) -> bytes:
    """The file's bytes (at most MAX_KIT_BYTES), or `KitError` saying why not."""
    filename = filename if filename is not None else str(path)
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer; the kind is checked on the descriptor
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise _fail(filename, "no such file; check the path and the file name") from None
    except IsADirectoryError:
        raise _fail(filename, "this is a folder, not a file; give the path of a kit's .yaml file") from None
    except (OSError, ValueError) as exc:  # ValueError: a path with a NUL character
        raise _fail(filename, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _fail(filename, "this is a folder, not a file; give the path of a kit's .yaml file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(filename, "this is not a regular file (a device or a pipe); give the path of a kit's "
                                  ".yaml file")
        if info.st_size > MAX_KIT_BYTES:
            raise _too_large(filename)
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)  # a regular file: read it normally
        chunks, size = [], 0
        while size <= MAX_KIT_BYTES:
            chunk = os.read(fd, min(1 << 20, MAX_KIT_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > MAX_KIT_BYTES:  # it grew while being read
            raise _too_large(filename)
        return b"".join(chunks)
    except OSError as exc:
        raise _fail(filename, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _too_large(filename: str) -> KitError:
    return _fail(filename, f"the file is larger than {MAX_KIT_BYTES // 1_000_000} MB; a kit is a hand-written text "
                           "file of at most a few hundred KB — is this the right file?")


def decode_kit_bytes(raw: bytes, filename: str) -> str:
    """UTF-8 text (a BOM is dropped), or `KitError` pointing at the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(filename, f"this is not UTF-8 text (byte 0x{raw[exc.start]:02x}); a kit is a YAML text file "
                              "saved as UTF-8", line, column) from None
