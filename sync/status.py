"""The one event the sync loop reports (sync/loop.py), for every device: whether the city
server answers, when data was last exchanged, what came in. A light module: a kiosk standing
alone imports it without loading the network stack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.calls import Call


@dataclass(frozen=True)
class SyncEvent:
    online: bool
    last_sync: datetime | None  # UTC of the last successful exchange
    problem: str = ""  # for staff: a revoked token, a refused request ("" when merely offline)
    changed: bool = False  # the local store took in changes: redraw what shows it
    catalog_changed: bool = False  # a newer catalog is in the store
    calls: tuple[Call, ...] = ()  # new calls to counters, oldest first (the board reads them out)

    @property
    def status(self) -> tuple[bool, datetime | None, str]:
        """What a screen's online line shows; the same status twice needs no redraw."""
        return self.online, self.last_sync, self.problem
