"""Regenerate docs/sample-packet.pdf: the review packet of one demo mentee, byte for byte repeatable.

The demo team is generated with a fixed seed and a fixed `today` into a temporary,
encrypted journal (its key never leaves this process), so the sample changes only
when the packet's layout or the demo data change.

    python tools/sample_packet.py [OUT.pdf [LANGUAGE]]     (or: make sample-packet)

With LANGUAGE (de, fr, es), the demo team is made in that language and the packet written in it.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
import tempfile
from pathlib import Path

from mentorapp import i18n
from mentorapp.models.clock import FixedClock
from mentorapp.models.services import Services
from mentorapp.models.storage.store import Key, Store
from mentorapp.packets.data import default_period
from mentorapp.packets.render import write_packet

TODAY = dt.date(2026, 11, 29)
SEED = 7
MENTEE = "Priya Raman"


def main(argv: list[str]) -> int:
    # Byte for byte repeatable: the creation date is the sample's own day, unless the build fixes one.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(dt.datetime.combine(TODAY, dt.time(12), dt.UTC).timestamp())))
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "sample-packet.pdf"
    with i18n.speaking(argv[2] if len(argv) > 2 else "en"), tempfile.TemporaryDirectory() as folder:
        key = Key(secret=secrets.token_hex(32), raw=True, source="sample")
        with Store.open(Path(folder) / "sample.db", key) as store:
            services = Services(store, clock=FixedClock(TODAY))
            services.demo.generate(seed=SEED, today=TODAY)
            mentee = services.mentees.find(MENTEE)
            start, end = default_period(TODAY)
            write_packet(services, mentee_id=mentee.id, start=start, end=end, path=out, today=TODAY)
    print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
