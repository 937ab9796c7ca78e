"""Just enough of the ELF format to list a shared library's DT_NEEDED entries (no binutils needed)."""

from __future__ import annotations

import struct
from pathlib import Path

SHT_DYNAMIC = 6
DT_NULL, DT_NEEDED = 0, 1


def needed(path: Path) -> list[str]:
    """The sonames a 64-bit little-endian ELF file names as DT_NEEDED, in order."""
    data = Path(path).read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError(f"{path}: not a 64-bit little-endian ELF file")
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    # Elf64_Shdr: name, type, flags, addr, offset, size, link, info, addralign, entsize
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names: list[str] = []
    for section in sections:
        if section[1] != SHT_DYNAMIC:
            continue
        strtab_offset = sections[section[6]][4]
        offset, size = section[4], section[5]
        for pos in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, pos)
            if tag == DT_NULL:
                break
            if tag == DT_NEEDED:
                start = strtab_offset + value
                names.append(data[start:data.index(b"\0", start)].decode())
    return names


def system_needs(roots: list[Path], bundled_dirs: list[Path]) -> dict[str, str]:
    """Every soname the roots need, directly or through a library found in `bundled_dirs`,
    that is not in those folders: {soname: the first file that needs it}."""
    todo = list(roots)
    seen: set[str] = set()
    system: dict[str, str] = {}
    while todo:
        path = todo.pop()
        for soname in needed(path):
            inside = next((d / soname for d in bundled_dirs if (d / soname).exists()), None)
            if inside is None:
                system.setdefault(soname, path.name)
            elif soname not in seen:
                seen.add(soname)
                todo.append(inside)
    return system
