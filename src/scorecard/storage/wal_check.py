"""Reading a left-over WAL file before SQLite recovers it: committed saves SQLite would drop silently.

When a write-ahead log holds a damaged frame, SQLite's recovery stops there and discards every
frame after it — committed transactions included — without a word, and the next checkpoint
deletes the evidence. Before the database is opened, `inspect_wal` walks the frames with
SQLite's own checksums (https://www.sqlite.org/fileformat.html#the_write_ahead_log); if a bad
frame is followed by committed frames of the same WAL generation, the database and its WAL are
copied aside (0600) so nothing is lost for good, and the user is told.
"""

from __future__ import annotations

import os
import shutil
import struct
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

_MAGIC = (0x377F0682, 0x377F0683)
_HEADER = 32
_FRAME_HEADER = 24


@dataclass(frozen=True)
class WalReport:
    frames: int
    #: frames SQLite will recover (up to the last commit before the first bad frame)
    recoverable: int
    #: commit frames of this WAL generation after the first bad frame: saves SQLite would drop
    lost_commits: int


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    fmt = f"{'>' if big_endian else '<'}{len(data) // 4}I"
    words = struct.unpack(fmt, data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def inspect_wal(wal: Path) -> WalReport | None:
    """What SQLite's recovery would make of `wal`; None when it is absent, empty or not a WAL."""
    try:
        data = Path(wal).read_bytes()
    except OSError:
        return None
    if len(data) < _HEADER:
        return None
    magic, _version, page_size, _seq, salt1, salt2, c0, c1 = struct.unpack(">8I", data[:_HEADER])
    if magic not in _MAGIC or page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return None
    big = magic == 0x377F0683
    if _checksum(data[:24], 0, 0, big) != (c0, c1):
        return WalReport(0, 0, 0)  # SQLite ignores a WAL whose header is bad: nothing was readable anyway
    size = _FRAME_HEADER + page_size
    frames = (len(data) - _HEADER) // size
    s0, s1 = c0, c1
    recoverable = 0
    bad_at: int | None = None
    for i in range(frames):
        off = _HEADER + i * size
        page_no, commit, f_salt1, f_salt2, f0, f1 = struct.unpack(">6I", data[off:off + _FRAME_HEADER])
        if (f_salt1, f_salt2) != (salt1, salt2):
            bad_at = i
            break
        s0, s1 = _checksum(data[off:off + 8] + data[off + _FRAME_HEADER:off + size], s0, s1, big)
        if (s0, s1) != (f0, f1) or page_no == 0:
            bad_at = i
            break
        if commit:
            recoverable = i + 1
    lost = 0
    if bad_at is not None:
        for i in range(bad_at + 1, frames):
            off = _HEADER + i * size
            _page, commit, f_salt1, f_salt2 = struct.unpack(">4I", data[off:off + 16])
            if (f_salt1, f_salt2) == (salt1, salt2) and commit:
                lost += 1
    return WalReport(frames, recoverable, lost)


def keep_damaged_wal(db_path: Path) -> tuple[WalReport, Path] | None:
    """If the WAL beside `db_path` holds committed saves SQLite would drop, copy the database and its
    WAL aside (before anything opens them) and return (report, the copy of the WAL); else None."""
    wal = Path(f"{db_path}-wal")
    report = inspect_wal(wal)
    if report is None or report.lost_commits == 0:
        return None
    stamp = f"{datetime.now(timezone.utc):%Y%m%d-%H%M%S}"
    kept_db = db_path.with_name(f"{db_path.name}.journal-damaged-{stamp}")
    kept_wal = Path(f"{kept_db}-wal")
    for source, target in ((db_path, kept_db), (wal, kept_wal)):
        shutil.copyfile(source, target)
        os.chmod(target, 0o600)
    return report, kept_wal
