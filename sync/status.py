"""What the UI shows of sync: online or not, and when the data was last exchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_sync: datetime | None  # UTC of the last successful exchange
    problem: str = ""  # for staff: revoked token, refused request
