"""What a kit author is told when a kit file is wrong.

Every failure to load a kit — unreadable file, YAML syntax, wrong keys, broken
cross-references — becomes a `KitProblem` with a place in the file, so the CLI, the
UI and the tests all show the same `FILE:LINE:COL: FIELD: MESSAGE` lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KitProblem:
    """One thing wrong with a kit file.

    `line` and `column` count from 1 and are None when the problem has no place in
    the file (e.g. the file is missing). `field` is a dotted path such as
    ``items[3] (id: q-oauth).round``; it is empty for problems with the file as a whole.
    """

    file: str
    line: int | None
    column: int | None
    field: str
    message: str

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
            if self.column is not None:
                place += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        return f"{place}:{field} {self.message}"


class KitError(Exception):
    """A kit could not be loaded; `problems` lists everything that was found wrong."""

    def __init__(self, problems: list[KitProblem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
