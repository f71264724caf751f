"""Draw the app icon's PNG sizes from resources/icons/linkworker-desktop.svg.

Desktop menus and software centres (the freedesktop icon theme and AppStream specifications)
look for the icon as PNGs in fixed sizes under hicolor/<size>x<size>/apps/. Run this after
changing the SVG and commit the PNGs: python packaging/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "linkworker-desktop.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int, icons: Path = ICONS) -> Path:
    return icons / "hicolor" / f"{size}x{size}" / "apps" / "linkworker-desktop.png"


def render(size: int, source: Path = SOURCE) -> QImage:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(icons: Path = ICONS) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in SIZES:
        target = png_path(size, icons)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(size).save(str(target), "PNG"):
            raise OSError(f"could not write {target}")
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
