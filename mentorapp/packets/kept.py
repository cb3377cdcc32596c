"""A line kept with the start of the text under it, laid out once.

Every entry in a packet is a line about it (who, when, what kind) over its text, and
the line must never be left alone at the foot of a page. ReportLab's keepWithNext does
that by wrapping the pair to measure it and then wrapping each part again as it places
them, so a packet of two thousand entries laid every paragraph out twice. KeptPair
measures its two parts once per width and places them itself; only when the pair
does not fit does it split, keeping the line with the first lines of the text.
"""

from __future__ import annotations

from reportlab.platypus import Flowable


class KeptPair(Flowable):
    """`head` over `body`, never parted by a page break between them."""

    keepWithNext = 0  # noqa: N815 - ReportLab API: the pair itself is kept with nothing

    def __init__(self, head: Flowable, body: Flowable) -> None:
        super().__init__()
        self.head, self.body = head, body
        self._measured: tuple[float, float, float] | None = None  # width, head height, body height

    def _gap(self) -> float:
        # As a frame spaces two flowables: the larger of the one's space after and the other's before.
        return max(self.head.getSpaceAfter(), self.body.getSpaceBefore())

    def _measure(self, width: float, height: float) -> tuple[float, float]:
        if self._measured is None or abs(self._measured[0] - width) > 1e-6:
            _, head = self.head.wrap(width, height)
            _, body = self.body.wrap(width, height)
            self._measured = (width, head, body)
        return self._measured[1], self._measured[2]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # ReportLab API
        head, body = self._measure(availWidth, availHeight)
        self.width, self.height = availWidth, head + self._gap() + body
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # ReportLab API
        head, _ = self._measure(availWidth, availHeight)
        room = availHeight - head - self._gap()
        if room <= 0:
            return []
        parts = self.body.split(availWidth, room)
        self._measured = None  # a Paragraph forgets its lines when split: measure it again if it is placed whole
        if len(parts) < 2:
            return []  # not even a line of the text fits under the head: both go to the next page
        return [KeptPair(self.head, parts[0]), *parts[1:]]

    def getSpaceBefore(self) -> float:  # ReportLab API
        return self.head.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # ReportLab API
        return self.body.getSpaceAfter()

    def draw(self) -> None:
        head, body = self._measure(self.width, self.height)
        self.head.drawOn(self.canv, 0, body + self._gap())
        self.body.drawOn(self.canv, 0, 0)
