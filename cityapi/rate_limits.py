"""Per-address rate limits on what anyone can reach without a device token's trust: sign-in
(PIN guessing), enrolment (code guessing) and the public tracking page (scraping). A moving
window per client address, kept in each API process's memory: with N processes an address
gets at most N times the figure, still far below what guessing needs."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse, storage, strategies


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many requests; try again in {retry_after} s")
        self.retry_after = retry_after


class RateLimits:
    def __init__(self, rules: dict[str, str]) -> None:
        self._limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
        self._rules: dict[str, RateLimitItem] = {name: parse(text) for name, text in rules.items()}

    def hit(self, name: str, address: str) -> None:
        """Count one request of `address` to `name`; raises RateLimited past the limit."""
        rule = self._rules[name]
        if not self._limiter.hit(rule, name, address):
            reset = self._limiter.get_window_stats(rule, name, address).reset_time
            raise RateLimited(max(1, math.ceil(reset - time.time())))
