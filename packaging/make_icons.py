"""Render the app icon (resources/icons/scorecard.svg) to the PNG sizes, a Windows .ico and a macOS .icns.

Run after changing the SVG:  uv run python packaging/make_icons.py
Qt renders the SVG (the same renderer the app uses); Pillow (installed with ReportLab) packs
the .ico and .icns. The outputs are committed, so a build needs neither step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render_pngs() -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - needed for painting
    renderer = QSvgRenderer(str(ICONS / "scorecard.svg"))
    if not renderer.isValid():
        raise SystemExit("scorecard.svg is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"scorecard-{size}.png"
        image.save(str(out))
        written.append(out)
    return written


def pack(pngs: list[Path]) -> None:
    from PIL import Image

    biggest = Image.open(ICONS / "scorecard-512.png")
    biggest.save(ICONS / "scorecard.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    biggest.save(ICONS / "scorecard.icns")


if __name__ == "__main__":
    pngs = render_pngs()
    pack(pngs)
    print("\n".join(str(p.relative_to(ROOT)) for p in [*pngs, ICONS / "scorecard.ico", ICONS / "scorecard.icns"]))
