"""Where this device's own numbering restarts when a damaged store took its count with it.

A kiosk numbers on its own from a counter per (service, service day): with its tag when
enrolled (`A-K7-012`), plainly when it has no city server. When a salvage cannot say how far
that counter had gone (the file was empty, foreign, or its counter pages unreadable), the
numbers it gave are unknown, and visitors hold them: starting again at 1 would hand the same
numbers out twice. So for the service days up to the salvage, the counter starts above
FLOOR: the lower half of the range is given up, as the leased blocks are (kiosk.store.salvage).
A kiosk gives a few dozen numbers of its own a day, not hundreds: it numbers on its own only
offline, and first from its leased blocks.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from kiosk.store.models import Setting

KEY = "numbering.floor"
FLOOR = 500


def own_numbering_floor(session: Session, day: date) -> int:
    """The sequence this device's own counter for `day` starts above (0: from 1, as usual).
    Read in the ticket's transaction, only when the counter is used."""
    row = session.get(Setting, KEY)
    if row is None:
        return 0
    floor = json.loads(row.value)
    return int(floor["floor"]) if day <= date.fromisoformat(floor["through"]) else 0


def floor_value(through: date, floor: int = FLOOR) -> str:
    """The setting's value: counters of days up to `through` start above `floor`."""
    return json.dumps({"through": through.isoformat(), "floor": floor})
