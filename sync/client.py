"""Talking to the city API: one requests Session, a timeout on every call, retries with
backoff and jitter, and errors typed by what the device should do about them."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from typing import Any

import requests

from sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ChangesResponse,
    CounterAct,
    CounterModeChange,
    CounterSetup,
    EnrolRequest,
    EnrolResponse,
    LeaseRequest,
    LeasesRequest,
    LeasesResponse,
    Op,
    OpResult,
    OpsBatch,
    OpsBatchResponse,
    SignIn,
    SignInAnswer,
    Snapshot,
    TicketTake,
)

log = logging.getLogger(__name__)

STAFF_SESSION = "X-Staff-Session"
CONNECT_TIMEOUT = 3.0
READ_TIMEOUT = 20.0  # well above what the server needs for one batch (MAX_BATCH ops)
RETRIES = 3
BACKOFF_BASE = 0.5  # seconds; doubled per retry, with full jitter
BACKOFF_MAX = 8.0


class SyncError(Exception):
    """Base of what can go wrong talking to the city API."""


class Offline(SyncError):
    """No answer (network down, server stopped, timeout): try again later, keep working."""


class Unauthorized(SyncError):
    """The token is unknown or revoked: the device must be enrolled again (tell IT)."""


class Refused(SyncError):
    """The server understood and said no (4xx): retrying the same request will not help."""


class Outdated(Refused):
    """426: this device's protocol is older than the city server serves: update the device."""


class CursorGone(Refused):
    """410: the server cannot continue the change feed from this cursor; take a snapshot."""


def backoff(attempt: int, rng: Callable[[], float] = random.random) -> float:
    """Full jitter: a random wait up to base x 2^attempt, capped."""
    return rng() * min(BACKOFF_MAX, BACKOFF_BASE * 2**attempt)


class CityClient:
    def __init__(self, base_url: str, token: str | None = None, *, retries: int = RETRIES,
                 timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
                 sleep: Callable[[float], None] = time.sleep,
                 protocol: int = PROTOCOL_VERSION) -> None:
        self.base_url = base_url.rstrip("/")
        self.retries = retries
        self.timeout = timeout
        self._sleep = sleep
        self._session = requests.Session()
        self._session.headers["User-Agent"] = "plaza-kiosk/1"
        self._session.headers[PROTOCOL_HEADER] = str(protocol)
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def _post(self, path: str, body: dict[str, Any], retries: int | None = None,
              within: float | None = None,
              headers: dict[str, str] | None = None) -> dict[str, Any]:
        return self._call("POST", path, body, retries=retries, within=within,
                          headers=headers).json()

    def _get(self, path: str, params: dict[str, str] | None = None,
             headers: dict[str, str] | None = None, held: float = 0) -> requests.Response:
        return self._call("GET", path, params=params, headers=headers, held=held)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None, *,
              params: dict[str, str] | None = None, headers: dict[str, str] | None = None,
              retries: int | None = None, within: float | None = None,
              held: float = 0) -> requests.Response:
        """One request with retries; `within` seconds bounds the whole call, retries
        included; `held` seconds are added to the read timeout (a long-poll). The answer is
        a 2xx or 3xx with a JSON body where one is expected."""
        last: Exception | None = None
        deadline = None if within is None else time.monotonic() + within
        for attempt in range((self.retries if retries is None else retries) + 1):
            timeout = (self.timeout[0], self.timeout[1] + held)
            if deadline is not None:
                left = deadline - time.monotonic()
                if attempt:
                    self._sleep(max(0.0, min(backoff(attempt), left / 4)))
                    left = deadline - time.monotonic()
                if left < 0.05:
                    break
                timeout = (min(timeout[0], left), min(timeout[1], left))
            elif attempt:
                self._sleep(backoff(attempt))
            try:
                answer = self._session.request(method, f"{self.base_url}{path}", json=body,
                                               params=params, headers=headers, timeout=timeout)
            except requests.RequestException as error:
                last = error
                continue
            if answer.status_code >= 500:
                last = SyncError(f"server error {answer.status_code}")
                continue
            message = _error_message(answer)
            if answer.status_code == 401:
                raise Unauthorized(message)
            if answer.status_code == 410:
                raise CursorGone(message)
            if answer.status_code == 426:
                raise Outdated(message)
            if answer.status_code >= 400:
                raise Refused(f"{answer.status_code}: {message}")
            if answer.status_code != 304:
                try:
                    answer.json()
                except ValueError:
                    raise Refused("the server's answer is not JSON") from None
            return answer
        raise Offline(f"no answer from {self.base_url}: {last}")

    def enrol(self, code: str, role: str, device_name: str) -> EnrolResponse:
        request = EnrolRequest(code=code, role=role, device_name=device_name)
        # Never retried: if the answer was lost, the code is spent; IT asks for a new one.
        return EnrolResponse.model_validate(self._post("/v1/enrol", request.model_dump(),
                                                       retries=0))

    def send_ops(self, ops: list[Op]) -> OpsBatchResponse:
        batch = OpsBatch(ops=ops)
        answer = self._post("/v1/ops:batch", batch.model_dump(mode="json"))
        return OpsBatchResponse.model_validate(answer)

    def take_number(self, ticket: TicketTake, within: float) -> OpResult:
        """The server's number for a ticket, within `within` seconds or `Offline`. Retrying is
        safe: the ticket's id is the op id, so a lost answer comes back the same."""
        answer = self._post("/v1/tickets", ticket.model_dump(mode="json"), retries=3,
                            within=within)
        return OpResult.model_validate(answer)

    def changes(self, cursor: str, wait: float = 0) -> ChangesResponse:
        """Changes since `cursor`; with `wait`, held by the server until there are some."""
        params = {"cursor": cursor} | ({"wait": f"{wait:g}"} if wait else {})
        return ChangesResponse.model_validate(self._get("/v1/changes", params, held=wait).json())

    def snapshot(self) -> Snapshot:
        return Snapshot.model_validate(self._get("/v1/snapshot").json())

    def catalog(self, etag: str | None) -> tuple[str, dict[str, Any]] | None:
        """The plaza's catalog and its ETag, or None when `etag` is still current (304)."""
        answer = self._get("/v1/catalog", headers={"If-None-Match": f'"{etag}"'} if etag else None)
        if answer.status_code == 304:
            return None
        return answer.headers.get("ETag", "").strip('"'), answer.json()

    # --- a counter console ---

    def counter_setup(self) -> CounterSetup:
        return CounterSetup.model_validate(self._get("/v1/counter/setup").json())

    def sign_in(self, staff: str, pin: str, counter: str) -> SignInAnswer:
        request = SignIn(staff=staff, pin=pin, counter=counter)
        # Not retried: a lost answer would count as a second wrong PIN; staff tap again.
        return SignInAnswer.model_validate(self._post("/v1/counter/sign-in",
                                                      request.model_dump(), retries=0))

    def act(self, session: str, action: CounterAct, within: float) -> OpResult:
        """One counter action, within `within` seconds or `Offline`. Retrying is safe: the
        action's id makes it exactly-once."""
        answer = self._post("/v1/counter/act", action.model_dump(mode="json"), within=within,
                            headers={STAFF_SESSION: session})
        return OpResult.model_validate(answer)

    def set_counter_mode(self, session: str, mode: str) -> None:
        self._post("/v1/counter/mode", CounterModeChange(mode=mode).model_dump(), retries=1,
                   headers={STAFF_SESSION: session})

    def take_leases(self, wanted: list[LeaseRequest]) -> LeasesResponse:
        answer = self._post("/v1/leases", LeasesRequest(leases=wanted).model_dump(mode="json"))
        return LeasesResponse.model_validate(answer)


def _error_message(answer: requests.Response) -> str:
    try:
        body = answer.json()
    except ValueError:
        return answer.text[:200] or answer.reason
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        details = body.get("detail") or []
        return body["error"] + (f" ({'; '.join(map(str, details[:3]))})" if details else "")
    return str(body)[:200]
