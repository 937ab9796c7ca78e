"""scripts/system-deps.txt, the one list of Debian packages, read the way ./dev reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LIST = Path(__file__).resolve().parents[2] / "scripts" / "system-deps.txt"


@dataclass(frozen=True)
class Dep:
    kind: str  # "lib", "tool" or "file"
    name: str  # soname or command
    package: str
    line: int


def read(path: Path = LIST) -> list[Dep]:
    deps = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        kind, name, package, *_ = line.split()
        deps.append(Dep(kind, name, package, number))
    return deps


def libraries() -> dict[str, str]:
    return {d.name: d.package for d in read() if d.kind == "lib"}


def tools() -> dict[str, str]:
    return {d.name: d.package for d in read() if d.kind == "tool"}
