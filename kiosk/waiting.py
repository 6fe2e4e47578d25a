"""Estimated wait: people ahead x mean service time / open counters, shown as a range."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_SAMPLES = 3  # fewer finished tickets than this: fall back to the catalog's typical time
SPREAD = 0.25  # the range shown is the estimate +-25 %, rounded out to 5 minutes
ROUND_TO = 5


@dataclass(frozen=True)
class WaitEstimate:
    low_minutes: int
    high_minutes: int

    @property
    def is_now(self) -> bool:
        return self.high_minutes == 0


def mean_service_minutes(recent_minutes: Sequence[float], typical: float | None) -> float | None:
    if len(recent_minutes) >= MIN_SAMPLES:
        return sum(recent_minutes) / len(recent_minutes)
    return typical


def estimate_wait(
    people_ahead: int, mean_minutes: float | None, open_counters: int
) -> WaitEstimate | None:
    """None means "unknown": no service-time data or no counter open."""
    if people_ahead <= 0:
        return WaitEstimate(0, 0)
    if mean_minutes is None or mean_minutes <= 0 or open_counters <= 0:
        return None
    expected = people_ahead * mean_minutes / open_counters
    low = max(0, math.floor(expected * (1 - SPREAD) / ROUND_TO) * ROUND_TO)
    high = max(ROUND_TO, math.ceil(expected * (1 + SPREAD) / ROUND_TO) * ROUND_TO)
    return WaitEstimate(low, high)
