"""Reading rendered PDFs back in tests: text per page, outline, and the fonts poppler sees."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader


@dataclass
class Pdf:
    """A rendered PDF and what a test wants to ask of it."""

    data: bytes

    def __post_init__(self):
        self.reader = PdfReader(io.BytesIO(self.data))
        self.pages = [p.extract_text() or "" for p in self.reader.pages]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """All text with whitespace collapsed, so wrapped lines still match."""
        return " ".join(self.text.split())

    def page_flat(self, i: int) -> str:
        return " ".join(self.pages[i].split())

    def outline_titles(self) -> list[str]:
        out: list[str] = []

        def walk(items):
            for it in items:
                if isinstance(it, list):
                    walk(it)
                else:
                    out.append(it.title)

        walk(self.reader.outline)
        return out

    def outline_pages(self) -> dict[str, int]:
        out: dict[str, int] = {}

        def walk(items):
            for it in items:
                if isinstance(it, list):
                    walk(it)
                else:
                    out[it.title] = self.reader.get_destination_page_number(it)

        walk(self.reader.outline)
        return out


def pdffonts(data: bytes, tmp_path: Path) -> list[dict]:
    """The fonts `pdffonts` (poppler) finds, as dicts; skips the test when poppler is missing."""
    exe = shutil.which("pdffonts")
    if exe is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(data)
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()[2:]
    fonts = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni objID gen: read from the right
        fonts.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return fonts
