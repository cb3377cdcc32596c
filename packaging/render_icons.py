"""Renders the app's SVG icon into the hicolor PNG sizes: python render_icons.py ICON.svg OUT_DIR.

OUT_DIR receives hicolor/<N>x<N>/apps/mentorapp.png for each size and hicolor/scalable/apps/mentorapp.svg,
and mentorapp.ico and mentorapp.icns (the Windows and macOS program icons) made from the 256 px image.
Run with the build environment's Python (it has PySide6), offscreen.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

SIZES = (16, 32, 48, 64, 128, 256)


def main(svg: Path, out: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        print(f"render_icons: {svg} is not a readable SVG", file=sys.stderr)
        return 2
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "mentorapp.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            print(f"render_icons: could not write {target}", file=sys.stderr)
            return 1
    for suffix in ("ico", "icns"):  # Qt's own image-format plugins write both
        if not image.save(str(out / f"mentorapp.{suffix}"), suffix.upper()):
            print(f"render_icons: could not write mentorapp.{suffix}", file=sys.stderr)
            return 1
    scalable = out / "hicolor" / "scalable" / "apps" / "mentorapp.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), Path(sys.argv[2])))
