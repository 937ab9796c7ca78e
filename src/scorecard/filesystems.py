"""What kind of file system a folder is on — SQLite's locking is unsafe on network shares.

`file_system(path)` answers with the type name and whether it is a network file system:
- Linux: the longest mount point in `/proc/mounts` that contains the path;
- Windows: a UNC path (`\\\\server\\share`) or a drive that `GetDriveTypeW` calls remote;
- macOS and the BSDs (best effort): the output of `mount`, read the same way as on Linux.
Anything that cannot be determined is reported as unknown, never as an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

#: File system types that live on another machine. SQLite's documentation: WAL does not work
#: over a network file system, and file locking on them is often broken.
NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p",
    "sshfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "davfs", "fuse.davfs2", "webdav",
    "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "beegfs",
    "afpfs", "fuse.afpfs", "nfs3", "mvfs",
})
_DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True)
class FileSystem:
    type: str  # e.g. "ext4", "nfs4", "NTFS"/"remote drive", "unknown"
    mount_point: str | None
    network: bool

    @property
    def known(self) -> bool:
        return self.type != "unknown"


UNKNOWN = FileSystem("unknown", None, False)


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes spaces and tabs in paths as octal escapes (\\040)."""
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _contains(mount_point: str, path: str) -> bool:
    return path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def from_mount_table(path: str, mounts: list[tuple[str, str]]) -> FileSystem:
    """The file system of `path` given (mount point, type) pairs: the longest containing mount wins."""
    best: tuple[str, str] | None = None
    for mount_point, fs_type in mounts:
        if _contains(mount_point, path) and (best is None or len(mount_point) >= len(best[0])):
            best = (mount_point, fs_type)
    if best is None:
        return UNKNOWN
    fs_type = best[1].lower()
    return FileSystem(fs_type, best[0], fs_type in NETWORK_TYPES or fs_type.startswith("nfs"))


def parse_proc_mounts(text: str) -> list[tuple[str, str]]:
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape_mount(fields[1]), fields[2]))
    return mounts


def parse_bsd_mount(text: str) -> list[tuple[str, str]]:
    """`mount` on macOS/BSD: `//user@server/share on /Volumes/share (smbfs, nodev, nosuid)`."""
    mounts = []
    for line in text.splitlines():
        if " on " not in line or "(" not in line:
            continue
        rest = line.split(" on ", 1)[1]
        mount_point, _, options = rest.rpartition(" (")
        fs_type = options.split(",", 1)[0].strip(" )")
        mounts.append((mount_point, fs_type))
    return mounts


def _existing(path: Path) -> Path:
    """The path itself or its nearest existing ancestor (the folder may not be created yet)."""
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate.resolve()
    return path


def _windows(path: Path) -> FileSystem:
    text = str(path)  # already absolute
    if text.startswith("\\\\") or PureWindowsPath(text).drive.startswith("\\\\"):
        return FileSystem("network share (UNC)", PureWindowsPath(text).drive, True)
    drive = PureWindowsPath(text).drive
    if not drive:
        return UNKNOWN
    try:
        import ctypes

        kind = ctypes.windll.kernel32.GetDriveTypeW(drive + "\\")
    except (AttributeError, OSError):
        return UNKNOWN
    if kind == _DRIVE_REMOTE:
        return FileSystem("remote drive", drive, True)
    return FileSystem({2: "removable drive", 3: "local drive", 5: "CD/DVD", 6: "RAM disk"}.get(kind, "unknown"),
                      drive, False)


def file_system(path: str | os.PathLike) -> FileSystem:
    """The file system holding `path` (or the nearest existing folder above it)."""
    target = _existing(Path(path))
    if sys.platform == "win32":
        return _windows(target)
    if sys.platform.startswith("linux"):
        try:
            text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return UNKNOWN
        return from_mount_table(str(PurePosixPath(target)), parse_proc_mounts(text))
    try:  # macOS, BSD: best effort
        text = subprocess.run(["mount"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN
    return from_mount_table(str(target), parse_bsd_mount(text))
