"""Small drawn icons for the sync states: each a different shape, in the palette's text colour.

Drawn rather than taken from the icon theme so that every platform shows the same five shapes,
the meaning never rests on colour, and dark mode follows the palette.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap, QPolygonF


def _arrow_head(painter: QPainter, tip: QPointF, back: QPointF, side: QPointF) -> None:
    painter.drawPolygon(QPolygonF([tip, back, side]))


def state_pixmap(state: str, size: int, color: QColor, ratio: float = 1.0) -> QPixmap:
    """A ``size`` × ``size`` (logical pixels) picture of ``state``."""
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    m = size / 8
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    c = box.center()
    r = box.width() / 2
    if state == "syncing":
        # Two arcs chasing each other, each with an arrow head.
        painter.drawArc(box, 30 * 16, 120 * 16)
        painter.drawArc(box, 210 * 16, 120 * 16)
        painter.setBrush(color)
        k = r * 0.45
        top = QPointF(c.x() + r * 0.87, c.y() - r * 0.5)
        _arrow_head(
            painter, top, QPointF(top.x() - k, top.y()), QPointF(top.x() + k * 0.2, top.y() + k)
        )
        low = QPointF(c.x() - r * 0.87, c.y() + r * 0.5)
        _arrow_head(
            painter, low, QPointF(low.x() + k, low.y()), QPointF(low.x() - k * 0.2, low.y() - k)
        )
    else:
        painter.drawEllipse(box)
        path = QPainterPath()
        if state == "online":  # a tick
            path.moveTo(c.x() - r * 0.5, c.y())
            path.lineTo(c.x() - r * 0.1, c.y() + r * 0.4)
            path.lineTo(c.x() + r * 0.5, c.y() - r * 0.35)
        elif state == "revoked":  # a cross
            d = r * 0.4
            path.moveTo(c.x() - d, c.y() - d)
            path.lineTo(c.x() + d, c.y() + d)
            path.moveTo(c.x() + d, c.y() - d)
            path.lineTo(c.x() - d, c.y() + d)
        elif state == "update_needed":  # an arrow up: this laptop's app needs updating
            path.moveTo(c.x(), c.y() + r * 0.5)
            path.lineTo(c.x(), c.y() - r * 0.5)
            path.moveTo(c.x() - r * 0.35, c.y() - r * 0.15)
            path.lineTo(c.x(), c.y() - r * 0.5)
            path.lineTo(c.x() + r * 0.35, c.y() - r * 0.15)
        elif state == "not_enrolled":  # a dash: nothing to connect to yet
            path.moveTo(c.x() - r * 0.45, c.y())
            path.lineTo(c.x() + r * 0.45, c.y())
        else:  # offline: a slash through the circle
            d = r * 0.7071
            path.moveTo(c.x() - d, c.y() + d)
            path.lineTo(c.x() + d, c.y() - d)
        painter.drawPath(path)
    painter.end()
    return pixmap
